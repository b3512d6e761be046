import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from fakesite import FakeSite  # noqa: E402
from stories import STORIES  # noqa: E402

from dragoman.config import Settings  # noqa: E402
from dragoman.store import open_store  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "000_5dc3d891e69f7dcb.txt"
# A seed-shaped article written for the project (bold title, "Read More @", a bold Background heading, a weekday
# date, a quoted phrase, reported speech, an appeal, a criticism); the same text is in the sample corpus.
ARTICLE = ROOT / "tests" / "fixtures" / "seed_shaped.txt"
ARTICLE_TITLE = "Hague Court Says Kosovo's Declaration Did Not Breach International Law"
ARTICLE_PUBLISHED = "2010-07-23"


@pytest.fixture
def site():
    s = FakeSite(stories=list(STORIES)).serve()
    yield s
    s.close()


@pytest.fixture
def settings(tmp_path) -> Settings:
    # the fake sites listen on 127.0.0.1: the address guard (on by default) is opened explicitly
    return Settings(db=str(tmp_path / "test.db"), allow_private_urls=True, host_delay=0.0, connect_timeout=2.0, read_timeout=2.0,
                    total_timeout=4.0, max_body_bytes=2_000_000)


@pytest.fixture
def store(settings):
    s = open_store(settings.db)
    yield s
    s.close()


@pytest.fixture
def seed_path() -> Path:
    """The project's seed, from ../shared beside the project (CI has it; a user's clone does not)."""
    if not SEED.exists():
        pytest.skip(f"the project seed is not here ({SEED}); the seed-shaped fixture covers the same ground")
    return SEED


@pytest.fixture
def article_path() -> Path:
    """The seed-shaped article the project wrote (always present)."""
    return ARTICLE


@pytest.fixture(scope="session")
def pg_server():
    """A PostgreSQL server of this test session (Debian's package, a Unix socket in a temporary folder)."""
    from pgserver import PostgresServer, PostgresUnavailable

    try:
        server = PostgresServer().start()
    except PostgresUnavailable as exc:
        pytest.skip(f"PostgreSQL is not installed ({exc}); `make test` installs it")
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path) -> str:
    """A new empty store on each backend: a SQLite file, and a database of the session's PostgreSQL."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return request.getfixturevalue("pg_server").create_database()
