"""Where each generated page is under docs/, and the links between pages: relative, as MkDocs wants them
in Markdown, and as the URLs it serves for links in finished HTML, which it does not rewrite.
"""

from __future__ import annotations

from functools import cache

from generator.core import layout


def source_page(key: str) -> str:
    return f"kilder/{key}.md"


def theme_page(theme_id: str) -> str:
    return f"tema/{theme_id}.md"


def facet_page(dimension: str, value: str) -> str:
    return f"kunnskapskart/{dimension}/{value}.md"


def _url_folder(path: str) -> str:
    """The URL folder MkDocs (directory URLs) serves a docs/ path at: `kilder/x.md` -> `kilder/x/`."""
    return layout.site_page(path).removesuffix("index.html") if path.endswith(".md") else path


def link_url(page: str, target: str) -> str:
    """A relative URL from `page` to `target` (docs/ paths), for links in raw HTML, which MkDocs does not rewrite."""
    path, _, anchor = target.partition("#")
    target_url = _url_folder(path)
    base = _url_folder(page).rstrip("/")
    if target_url.endswith("/") or not target_url:
        # A folder: relative to a file inside it, then drop the file name.
        relative = _relative_path(base, f"{target_url}_")[:-1] or "./"
    else:
        relative = _relative_path(base, target_url)
    return f"{relative}#{anchor}" if anchor else relative


def relative_link(page: str, target: str) -> str:
    """A link from `page` to `target` (both paths under docs/), as MkDocs wants it."""
    path, _, anchor = target.partition("#")
    relative = _relative_path(page.rpartition("/")[0], path)
    return f"{relative}#{anchor}" if anchor else relative


@cache
def _relative_path(folder: str, path: str) -> str:
    # posixpath.relpath asks the file system for the working directory: too slow for 100,000 links.
    start = folder.split("/") if folder else []
    parts = path.split("/")
    common = 0
    while common < min(len(start), len(parts) - 1) and start[common] == parts[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + parts[common:])
