"""Browser tests: the built site served on 127.0.0.1 and driven in Debian's Chromium by Playwright.

No browser is downloaded: Playwright starts /usr/bin/chromium. Without Chromium the tests are
skipped on a developer's machine, but fail under CI (CI=true), where a missing browser is an error.
Each failing test saves a screenshot of the page it had open in test-artifacts/.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from generator.mkdocs.pdf import CHROMIUM
from tests.conftest import REPO, build_evidence_site

ARTIFACTS = REPO / "test-artifacts"
# Flags from this workplace's notes: no background traffic, no sandbox as root, no GPU.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@functools.cache
def serve(site: str) -> str:
    """Serve `site` on 127.0.0.1 (a free port) for the rest of the session; returns its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_evidence_site(tmp_path_factory.mktemp("browser-site"))


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> str:
    return serve(str(site_dir))


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"Chromium is missing at {CHROMIUM}: CI must install Debian's chromium package")
        pytest.skip(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser: object, request: pytest.FixtureRequest) -> Iterator[object]:
    """Opens pages in fresh contexts; on failure, saves a screenshot of each page opened."""
    pages = []

    def make(width: int = 1280, scheme: str = "light") -> object:
        context = browser.new_context(  # type: ignore[attr-defined]
            viewport={"width": width, "height": 900}, color_scheme=scheme, locale="nb-NO"
        )
        page = context.new_page()
        pages.append(page)
        return page

    yield make
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        for index, page in enumerate(pages):
            name = "".join(char if char.isalnum() else "-" for char in request.node.name)
            page.screenshot(path=str(ARTIFACTS / f"{name}-{index}.png"), full_page=True)  # type: ignore[attr-defined]
    for page in pages:
        page.context.close()  # type: ignore[attr-defined]


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    report = yield
    if report.when == "call":
        item.rep_call = report  # type: ignore[attr-defined]
    return report
