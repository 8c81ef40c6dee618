"""MkDocs hook: the navigation is rendered once per folder for the pages outside it.

Material writes the whole navigation into every page. On a page the navigation does not list
(a source page, a facet of the evidence map) no entry is marked as the current one, and every
link is relative to the page's folder, so all such pages in one folder get the same HTML.
overrides/partials/nav.html renders it for the first of them and reuses it for the rest: at
5,000 sources the navigation was 40 % of the time MkDocs spent in templates.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import material
from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader

# Material's own templates under "material/", so the override can include the one it replaces.
_MATERIAL = PrefixLoader({"material": FileSystemLoader(Path(material.__file__).parent / "templates")})


def shared_folder(page: Any, nav: Any) -> str | None:
    """The folder whose pages share `page`'s navigation, or None when the navigation is its own:
    the page is listed in it, or a listed page lies below it (its links would differ)."""
    if page is None or page in nav.pages:
        return None
    url: str = page.url
    if any(listed.url.startswith(url) for listed in nav.pages):
        return None
    return url.rstrip("/").rpartition("/")[0]


def on_env(env: Any, config: Any, files: Any) -> Any:
    env.loader = ChoiceLoader([env.loader, _MATERIAL])
    env.globals["shared_folder"] = shared_folder
    env.globals["navigation_by_folder"] = {}  # a new one for every build: `mkdocs serve` rebuilds in one process
    return env
