"""Imports every module that registers sub-commands on the app."""

from . import (  # noqa: F401
    articles_cmds,
    brief_cmd,
    coding_cmds,
    config_cmd,
    extract_cmd,
    ingest_cmd,
    run_cmds,
    story_cmds,
    web_cmds,
)
