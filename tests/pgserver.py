"""A real PostgreSQL server for tests and benchmarks, from the Debian package: initdb and pg_ctl in a
temporary folder, listening on a Unix socket in that folder only (no TCP port), stopped at the end.

As root (CI, this project's machines) the server runs as the `postgres` user the Debian package creates,
since PostgreSQL refuses to run as root."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path


class PostgresUnavailable(Exception):
    """No PostgreSQL server binaries on this machine (Debian package `postgresql`)."""


def _bindir() -> Path:
    for name in ("pg_ctl",):
        found = shutil.which(name)
        if found:
            return Path(os.path.realpath(found)).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), reverse=True)
    if candidates:
        return Path(candidates[0]).parent
    raise PostgresUnavailable("no PostgreSQL server binaries (install the Debian package `postgresql`)")


class PostgresServer:
    """One throwaway cluster. `url(dbname)` gives a SQLAlchemy URL; `create_database()` a fresh database."""

    def __init__(self) -> None:
        self.bindir = _bindir()
        self.root = Path(tempfile.mkdtemp(prefix="dragoman-pg-"))
        self.data = self.root / "data"
        self.socket_dir = self.root / "run"
        self._user = None
        self._count = 0
        if os.geteuid() == 0:
            try:
                self._user = pwd.getpwnam("postgres")
            except KeyError as exc:
                raise PostgresUnavailable("running as root and there is no `postgres` user") from exc

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        kwargs = {}
        if self._user is not None:
            uid, gid = self._user.pw_uid, self._user.pw_gid
            kwargs["preexec_fn"] = lambda: (os.setgid(gid), os.setuid(uid))
        return subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=self.root,
                              env={**os.environ, "LC_ALL": "C.UTF-8"}, **kwargs)

    def start(self) -> PostgresServer:
        self.socket_dir.mkdir(parents=True)
        if self._user is not None:
            os.chmod(self.root, 0o755)
            for path in (self.root, self.socket_dir):
                os.chown(path, self._user.pw_uid, self._user.pw_gid)
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                  "--no-sync", "--locale=C.UTF-8")
        options = (f"-c listen_addresses='' -c unix_socket_directories='{self.socket_dir}' -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60")
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.root / "log"), "-w", "start")
        return self

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@/{dbname}?host={self.socket_dir}"

    def create_database(self, prefix: str = "t") -> str:
        """A new empty database; its SQLAlchemy URL."""
        import sqlalchemy as sa

        self._count += 1
        name = f"{prefix}{os.getpid()}_{self._count}"
        engine = sa.create_engine(self.url(), isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        finally:
            engine.dispose()
        return self.url(name)

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> PostgresServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
