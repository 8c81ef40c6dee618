"""Render stage helper: a page's front matter, written by a YAML emitter and proven to read back.

MkDocs reads front matter with `mkdocs.utils.meta.get_data`; when that fails it does not stop:
it renders the metadata as page text, where Markdown acts on it (a title became a live link).
So front matter is never built from strings: PyYAML's emitter writes it, and the result is
read back by MkDocs's own reader and compared with what was meant before the page is kept.
A mismatch stops the build (`FrontMatterError`): it is a bug in the generator, not in the data.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import yaml
from mkdocs.utils.meta import get_data

# libyaml's emitter, as MkDocs reads with libyaml's parser; both come with PyYAML's wheels.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
# The page starts with the front matter; MkDocs looks for it only there.
_FENCE = "---\n"


class FrontMatterError(RuntimeError):
    """The emitted front matter does not read back as what was meant."""


def page_title(title: str) -> str:
    """A title as front matter holds it: one line (a line break would end it early in some
    readers), HTML-escaped, because MkDocs and Material put page titles into the HTML
    (<title>, header, navigation, attributes) as they are."""
    return html.escape(" ".join(str(title).split()), quote=True)


def emit(meta: Mapping[str, object]) -> str:
    """`meta` as a front-matter block (`---` … `---`), read back by MkDocs's reader to prove it."""
    text = yaml.dump(
        dict(meta),
        Dumper=_DUMPER,
        allow_unicode=True,
        sort_keys=False,  # the order it is given in: two builds stay byte-identical
        default_flow_style=None,  # lists of plain values on one line, as a person would write them
        width=2**31 - 1,  # no folded lines: every value stays on its own line
    )
    block = f"{_FENCE}{text}{_FENCE}"
    read = read_back(block)
    if read != meta:
        raise FrontMatterError(f"Metadataene leses ikke tilbake som de ble skrevet: {dict(meta)!r} ble {read!r}")
    return block


def read_back(page: str) -> dict[str, object] | None:
    """A page's front matter as MkDocs reads it, or None when it has a block MkDocs cannot read
    (MkDocs would then show the block as page text)."""
    if not page.startswith(_FENCE):
        return {}
    rest, meta = get_data(page)
    if not meta and rest == page:
        return None
    return meta
