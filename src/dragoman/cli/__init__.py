"""Command-line interface: one sub-command per user task."""

from .app import app, main

__all__ = ["app", "main"]
