"""Ingestion: files, URLs, feeds, sitemaps, OPML and WARC archives into stored articles."""

from .ingestor import Ingestor

__all__ = ["Ingestor"]
