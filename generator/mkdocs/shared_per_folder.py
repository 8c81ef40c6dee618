"""MkDocs hook: the navigation and the header are rendered once per folder where they are the same.

Material writes the whole navigation into every page. On a page the navigation does not list
(a source page, a facet of the evidence map) no entry is marked as the current one, and every
link is relative to the page's folder, so all such pages in one folder get the same HTML.
overrides/partials/nav.html renders it for the first of them and reuses it for the rest: at
5,000 sources the navigation was 40 % of the time MkDocs spent in templates. The header is
the same on every page in a folder but for the page's title: overrides/partials/header.html
renders it once per folder with a stand-in title and puts each page's own in its place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import material
from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader

# Material's own templates under "material/", so the override can include the one it replaces.
_MATERIAL = PrefixLoader({"material": FileSystemLoader(Path(material.__file__).parent / "templates")})


# Where the header shows the title; no page title contains it (a private-use character).
_TITLE = "\ue000tittel\ue000"


def page_folder(page: Any) -> str:
    """The folder the page's URL is in ("" for the home page, "/" for the others at the top): from
    pages in one folder, a link to anything outside their own URL is the same relative link."""
    url: str = page.url
    return url.rstrip("/").rpartition("/")[0] + "/" if url else ""


@dataclass(frozen=True)
class _TitleStandIn:
    """A page with the stand-in title, at the page's URL (relative links are made from it)."""

    url: str
    meta: dict[str, str] = field(default_factory=lambda: {"title": _TITLE})


def title_stand_in(page: Any) -> _TitleStandIn:
    return _TitleStandIn(page.url)


def with_title(header: str, page: Any) -> str:
    """The shared header with the page's own title, as Material writes it (front matter first)."""
    title = (page.meta or {}).get("title") or page.title
    return header.replace(_TITLE, str(title))


def shared_folder(page: Any, nav: Any) -> str | None:
    """The folder whose pages share `page`'s navigation, or None when the navigation is its own:
    the page is listed in it, or a listed page lies below it (its links would differ)."""
    if page is None or page in nav.pages:
        return None
    if any(listed.url.startswith(page.url) for listed in nav.pages):
        return None
    return page_folder(page)


def on_env(env: Any, config: Any, files: Any) -> Any:
    env.loader = ChoiceLoader([env.loader, _MATERIAL])
    # New ones for every build: `mkdocs serve` rebuilds in one process.
    env.globals.update(
        shared_folder=shared_folder,
        navigation_by_folder={},
        page_folder=page_folder,
        title_stand_in=title_stand_in,
        with_title=with_title,
        header_by_folder={},
    )
    return env
