"""A link in researchers' Markdown goes where a reader sees it go: to a well-formed http(s) URL's
own host, or nowhere off the site. Every form a browser sends to another host without being
written as such a URL is a located `unsafe-link`, and is shown as plain text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.core.markup import is_safe_destination, prose, url_host
from generator.pipeline import check
from tests.conftest import ANSELL, SOURCE, write_project

UNSAFE = "er ikke tillatt; bruk en https://-adresse, mailto: eller en relativ lenke"
# Each destination as written (in the sammendrag) and as the diagnostic shows it.
OFF_SITE = [
    ("//evil.example/p", "//evil.example/p"),
    ("&#47;&#47;evil.example/a", "&#47;&#47;evil.example/a"),
    ("<//evil.example/a>", "//evil.example/a"),
    ("https:evil.example/a", "https:evil.example/a"),
    ("http:/evil.example/a", "http:/evil.example/a"),
    ("https:///evil.example/a", "https:///evil.example/a"),
    ("/\\evil.example/a", "/\\\\evil.example/a"),
    ("%2F%2Fevil.example/a", "%2F%2Fevil.example/a"),
    ("<https://evil.example\t/a>", "https://evil.example\\t/a"),
    ("https://evil&#46;example/a", "https://evil&#46;example/a"),
    ("https://doi.org@evil.example/", "https://doi.org@evil.example/"),
    ("https://doi.org&#64;evil.example/", "https://doi.org&#64;evil.example/"),
]


def summary_diagnostics(tmp_path: Path, summary: str, bib: str = ANSELL) -> list[str]:
    source = SOURCE.replace("sammendrag: Et kort sammendrag.", f'sammendrag: "{summary}"')
    root = write_project(tmp_path, bib=bib, sources={"ansell2008collaborative": source})
    diagnostics, _ = check(root)
    return [str(item) for item in diagnostics]


@pytest.mark.parametrize(("written", "shown"), OFF_SITE, ids=[written for written, _ in OFF_SITE])
def test_a_link_off_the_site_not_written_as_a_url_is_a_located_unsafe_link(
    tmp_path: Path, written: str, shown: str
) -> None:
    escaped = written.replace("\\", "\\\\").replace("\t", "\\t")  # in a double-quoted YAML string
    assert summary_diagnostics(tmp_path, f"Se [x]({escaped}).") == [
        f"literature/sources/ansell2008collaborative.yaml:3:21: error[unsafe-link]: lenken '{shown}' {UNSAFE}"
    ]
    assert prose(f"Se [x]({written}).") == "Se x."  # the text stays, the link goes


@pytest.mark.parametrize(
    "destination",
    [
        "https://doi.org/10.1093/jopart/mum032",
        "HTTPS://Www.Example.org:8080/a?b=1&c=2#d",
        "https://blåbær.no/",
        "mailto:post@example.org",
        "../tema/tillit.md#funn",
        "kilder/ansell2008collaborative.md",
    ],
)
def test_well_formed_and_relative_links_are_kept(destination: str) -> None:
    assert is_safe_destination(destination)
    assert prose(f"[x]({destination})").startswith("[x](")


def test_a_bib_url_with_a_user_name_is_refused(tmp_path: Path) -> None:
    bib = ANSELL.replace("  language", "  url = {https://doi.org@evil.example/10.1093},\n  language")
    assert summary_diagnostics(tmp_path, "Et kort sammendrag.", bib) == [
        "literature/samverdi.bib:2:1: error[bib-url]: nettadressen i ansell2008collaborative må være en vanlig "
        "https://- eller http://-adresse (uten @ eller \\ før verten), men er 'https://doi.org@evil.example/10.1093'"
    ]


# Pieces of URLs that have fooled parsers: slashes, entities, user names, ports, wide letters.
PIECES = st.sampled_from(
    [
        *("http", "https", "HTTPS", "mailto", ":", "/", "//", "\\", "@", "&#47;", "&#64;", "%2F", "#", "?"),
        *("doi.org", "evil.example", "www.", "a", ".", "-", ":80", "&", "ａ", "ß", "[", "]", "\t", " "),
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(max_size=30), st.lists(PIECES, max_size=8).map("".join)))
def test_an_accepted_destination_goes_only_to_the_host_it_shows(destination: str) -> None:
    if not is_safe_destination(destination):
        return
    host = url_host(destination)
    if host is None:
        return
    shown = destination.lower()
    assert any(shown.startswith(f"{scheme}://{www}{host}") for scheme in ("http", "https") for www in ("", "www."))
