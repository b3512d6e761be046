"""The store: the only part of dragoman that knows SQL."""

from .engine import StoreMissing
from .store import Store, open_store

__all__ = ["Store", "StoreMissing", "open_store"]
