"""Regenerate docs/screenshot.png: the demo store's busiest story page in Debian's Chromium.

Run after `make demo` (and `make dev`, which installs Playwright):

    .venv/bin/python examples/screenshot.py [--db demo/dragoman.db] [--out docs/screenshot.png]
"""

from __future__ import annotations

import argparse
import shutil
import socket
import threading
import time
from pathlib import Path

import httpx
import uvicorn

from dragoman.config import Settings
from dragoman.store import open_store
from dragoman.web import create_app

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", default="demo/dragoman.db")
    ap.add_argument("--out", type=Path, default=Path("docs/screenshot.png"))
    ap.add_argument("--path", help="page to shoot (default: the story with the most articles)")
    args = ap.parse_args()

    store = open_store(args.db)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(Settings(db=args.db), store, start_deliverer=False),
                                           host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            stories = httpx.get(f"{base}/api/stories", params={"limit": 100}).json()
            break
        except httpx.HTTPError:
            time.sleep(0.1)
    busiest = max(stories["stories"], key=lambda s: (s["n_articles"], s["n_outlets"], s["id"]))
    path = args.path or busiest["url"]

    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1100})
        page.goto(base + path)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(args.out))
        browser.close()
    server.should_exit = True
    store.close()
    print(f"wrote {args.out} ({base}{path})")


if __name__ == "__main__":
    main()
