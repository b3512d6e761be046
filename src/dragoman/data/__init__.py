"""Data files written by the project: the CAMEO codebook, the trigger lexicon, the actor knowledge base."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).parent


@cache
def load_yaml(name: str) -> Any:
    """Parse a data file once per process."""
    with (DATA / name).open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
