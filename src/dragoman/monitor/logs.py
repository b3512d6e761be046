"""Logging for the long-running job: readable lines, or JSON lines with --log-json."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime

LOGGER = logging.getLogger("dragoman")
_FIELDS = ("source", "url", "article_id", "kind", "status", "new", "error", "seconds", "events", "next_poll")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data = {"ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
                "level": record.levelname.lower(), "msg": record.getMessage()}
        for key in _FIELDS:
            if hasattr(record, key):
                data[key] = getattr(record, key)
        return json.dumps(data, ensure_ascii=False, default=str)


def setup_logging(json_lines: bool = False, level: int = logging.INFO) -> logging.Logger:
    """Configure the 'dragoman' logger once, writing to standard error."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if json_lines else logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    LOGGER.handlers[:] = [handler]
    LOGGER.setLevel(level)
    LOGGER.propagate = False
    return LOGGER
