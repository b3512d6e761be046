"""The store: the only part of dragoman that knows SQL."""

from .store import Store, open_store

__all__ = ["Store", "open_store"]
