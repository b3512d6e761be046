"""Imports every module that registers sub-commands on the app."""

from . import articles_cmds, coding_cmds, config_cmd, extract_cmd, ingest_cmd  # noqa: F401
