"""Imports every module that registers sub-commands on the app."""

from . import articles_cmds, config_cmd, ingest_cmd  # noqa: F401
