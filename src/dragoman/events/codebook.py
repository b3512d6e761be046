"""The CAMEO codebook (data/cameo.yaml): names, Goldstein values, quad/penta classes, PLOVER types."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..data import load_yaml


@dataclass(frozen=True)
class CodeInfo:
    code: str
    root: str
    name: str
    goldstein: float | None
    quad_class: int
    penta_class: int
    plover: str | None


class Codebook:
    """Lookup of CAMEO codes; every code is a string with its leading zeros."""

    def __init__(self, data: dict):
        self.roots: dict[str, dict] = {str(k): v for k, v in data["roots"].items()}
        self.codes: dict[str, dict] = {str(k): v for k, v in data["codes"].items()}

    def __contains__(self, code: str) -> bool:
        return code in self.codes

    @cache  # noqa: B019 - one codebook per process, lookups are hot
    def info(self, code: str) -> CodeInfo:
        root = code[:2]
        r = self.roots[root]
        c = self.codes.get(code) or self.codes.get(root + "0") or {}
        return CodeInfo(code=code, root=root, name=c.get("name") or r["name"], goldstein=c.get("goldstein"),
                        quad_class=int(r["quad_class"]), penta_class=int(r["penta_class"]),
                        plover=c.get("plover") or r.get("plover"))


@cache
def codebook() -> Codebook:
    """The project's codebook, loaded once."""
    return Codebook(load_yaml("cameo.yaml"))
