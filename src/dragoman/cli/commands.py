"""Imports every module that registers sub-commands on the app."""

from . import articles_cmds, brief_cmd, coding_cmds, config_cmd, extract_cmd, ingest_cmd, story_cmds  # noqa: F401
