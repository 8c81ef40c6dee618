"""Not a page: the hosts the pages link to (`_generert/lenker.json`), for the net after the build
(`generator/mkdocs/site_check.py`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from generator.core import markup
from generator.model.build import Model

_HREF = re.compile(r'href="([^"]*)"')


def _prose_texts(model: Model) -> Iterator[str]:
    """Every text the templates show through `prose`, the only way a researcher's link reaches a page."""
    for theme in model.themes:
        yield theme.description
        yield theme.body
        for finding in theme.key_findings:
            yield finding.claim
            yield finding.rationale
            yield from (component.explanation for component in finding.assessment)
        yield from (implication.text for implication in theme.implications)
    for source in model.sources:
        yield source.summary
        yield from source.findings
        yield from source.implications
    yield from (term.definition for term in model.glossary)
    if model.info.method:
        yield from model.info.method.texts


def linked_hosts(model: Model) -> list[str]:
    """The hosts of every external address the pages link to: the sources' DOI, URL, provenance and
    reference links, the links in researchers' Markdown, and the contact address."""
    urls = [url for source in model.sources for url in (source.doi_url, source.url, *source.fact_urls) if url]
    urls += [html.unescape(url) for source in model.sources for url in _HREF.findall(source.reference.html)]
    urls += [url for text in _prose_texts(model) if "//" in text for url, _ in markup.inspect(text).links]
    urls += [model.info.contact_href or "", model.info.url or ""]
    urls.append(f"https://doi.org/{model.info.doi}" if model.info.doi else "")
    hosts = {markup.url_host(url) for url in urls if url.startswith(("https://", "http://"))}
    return sorted(host for host in hosts if host and host != markup.NO_HOST)
