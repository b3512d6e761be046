"""The web app: `dragoman serve` — events, stories, actors, dyads, briefs and watchlists in a browser,
with a JSON API beside every page."""

from .app import create_app

__all__ = ["create_app"]
