"""Source pages: the title in its language, the text to copy in the "Siter" block, and the
authors as search tags.
"""

from __future__ import annotations

import html

from markupsafe import Markup

from generator.core import markup
from generator.model.build import Source


def title_html(source: Source) -> Markup:
    """The source's title, marked with its language when that is not the page's."""
    title = markup.literal(source.title)
    if not source.title_lang:
        return Markup(title)
    return Markup(f'<span lang="{html.escape(source.title_lang, quote=True)}">{title}</span>')


def code_block(text: str, language: str = "") -> Markup:
    """Text to copy, as the code block Python-Markdown would make of it (tabs as four spaces, `&<>"`
    escaped), for finished HTML: shown exactly as it is."""
    lines = "\n".join(line.rstrip() for line in text.strip().expandtabs(4).splitlines())
    escaped = lines.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    language_class = f' class="language-{language}"' if language else ""
    return Markup(f"<pre><code{language_class}>{escaped}\n</code></pre>")


def search_tags(source: Source) -> list[str]:
    """The authors' family names, which search weighs above any text: a reader who types "Torfing"
    wants Torfing's works, not the themes that cite them."""
    record = source.record
    return list(dict.fromkeys(family for family, _ in record.authors or record.editors))
