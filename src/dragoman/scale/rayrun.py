"""Coding on a Ray cluster (`process --ray auto` joins a running one, `--ray local` starts one on this
machine, any other value is a cluster address): one actor per worker, each loading spaCy and the
knowledge base once. Needs the optional extra: pip install 'dragoman[scale]'."""

from __future__ import annotations

from .parallel import WorkerDied
from .worker import BatchCoder


class RayUnavailable(Exception):
    """Ray is not installed (the `scale` extra)."""


def _ray():
    try:
        import ray
    except ImportError:
        raise RayUnavailable("Ray is not installed: pip install 'dragoman[scale]'") from None
    return ray


class RayBackend:
    """N Ray actors coding batches. An actor that dies is restarted by Ray; its batch goes to another."""

    def __init__(self, address: str, db: str, model: str, max_chars: int, workers: int = 0):
        ray = self.ray = _ray()
        self._started = False
        if not ray.is_initialized():
            if address == "local":
                ray.init(num_cpus=workers or None, include_dashboard=False, log_to_driver=False)
            else:
                ray.init(address=address, log_to_driver=False)
            self._started = True
        self.workers = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        actor = ray.remote(num_cpus=1, max_restarts=3)(BatchCoder)
        self.actors = [actor.remote(db, model, max_chars) for _ in range(self.workers)]
        ray.get([a.ping.remote() for a in self.actors])
        self._busy: dict = {}  # task -> the actor coding it

    def submit(self, ids: list[int], claim: str):
        load = {i: 0 for i in range(len(self.actors))}
        for i in self._busy.values():
            load[i] += 1
        index = min(load, key=lambda i: (load[i], i))  # the least busy actor
        ref = self.actors[index].code.remote(ids, claim)
        self._busy[ref] = index
        return ref

    def wait(self, pending: list, timeout: float | None = None) -> list:
        ray = self.ray
        done, _ = ray.wait(pending, num_returns=1, timeout=timeout)
        out = []
        for ref in done:
            self._busy.pop(ref, None)
            try:
                out.append((ref, ray.get(ref)))
            except (ray.exceptions.RayActorError, ray.exceptions.WorkerCrashedError) as exc:
                out.append((ref, WorkerDied(f"a Ray worker ended: {type(exc).__name__}")))
        return out

    def close(self) -> None:
        for a in self.actors:
            self.ray.kill(a)
        self.actors = []
        if self._started:
            self.ray.shutdown()
