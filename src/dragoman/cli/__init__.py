"""Command-line interface: one module per command or command group, named after it."""

from .app import app, main

__all__ = ["app", "main"]
