"""Imports every module that registers sub-commands on the app (one module per command or group)."""

from . import (  # noqa: F401
    actors,
    articles,
    brief,
    config,
    events,
    export,
    extract,
    ingest,
    process,
    run,
    serve,
    sources,
    stories,
    watch,
)
