"""A DOI -> the work as Crossref's REST API describes it, fetched once and kept on disk; and that
description -> a CSL-JSON record, so that `import --doi` and `import --berik` take the importer's one path.

Not a build stage: only `python -m generator import --doi/--berik` uses it, and the build never
touches the network. One request per DOI (`https://api.crossref.org/works/{doi}`), in Crossref's
polite pool when `summary.yaml` has an e-mail address in `kontakt` (a `mailto` parameter and a
User-Agent with the address); without one the request goes to the public pool, and the command says
how to fill it in. Each response is bounded in size and time, checked to be a Crossref work, and kept
in `.cache/crossref/` (git-ignored): a DOI that is there is never fetched again.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import socket
import stat
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from generator.check.check_bibliography import _DOI
from generator.core.apa import bare_doi
from generator.write.files import WriteError, contained_folder, write_file

API = "https://api.crossref.org/works/"
CACHE = ".cache/crossref"
# A work with a thousand references is about 300 KB; more than this is not a work's metadata.
MAX_RESPONSE = 2 * 1024 * 1024
TIMEOUT = 20.0  # seconds for the whole response, not just for each read
_CHUNK = 64 * 1024
_EMAIL = re.compile(r"[^\s@<>\"]+@[^\s@<>\"]+\.[A-Za-z]{2,}")
_TAG = re.compile(r"<[^<>]{1,200}>")  # Crossref titles carry markup: <i>, <sub>, <scp>
# Crossref's work types and the CSL types they are (the CSL-JSON path maps these to BibTeX types).
_TYPES = {
    "journal-article": "article-journal",
    "book-chapter": "chapter",
    "book-section": "chapter",
    "book-part": "chapter",
    "book": "book",
    "monograph": "book",
    "edited-book": "book",
    "reference-book": "book",
    "proceedings-article": "paper-conference",
    "report": "report",
    "dissertation": "thesis",
}

# How a response is opened: urllib.request.urlopen, or in tests a function that returns a recorded one.
Opener = Callable[..., Any]


class CrossrefError(Exception):
    """The work could not be had from Crossref; the message says why and what to do, in Norwegian.
    `offline` is True when no answer came at all (the next DOI would fare no better)."""

    def __init__(self, message: str, *, offline: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.offline = offline


def valid_doi(text: str) -> str | None:
    """`10.1234/abc` from a DOI as a person writes it (with the resolver, or a full stop after); None when
    it is not one. The same shape `bib-doi` requires of a DOI in a .bib file."""
    bare = bare_doi(text).rstrip(".,;: ")
    return bare if bare.isascii() and _DOI.match(bare) else None


def contact_address(contact: object) -> str | None:
    """The e-mail address in `summary.yaml`'s `kontakt`, for Crossref's polite pool; None without one."""
    return contact.strip() if isinstance(contact, str) and _EMAIL.fullmatch(contact.strip()) else None


def missing_contact_note() -> str:
    return (
        "Merk: summary.yaml har ingen e-postadresse i kontakt, så Crossref ble spurt uten avsender (den offentlige, "
        "tregere køen). Skriv for eksempel kontakt: navn@ntnu.no i literature/summary.yaml; da kommer spørsmålene i "
        "Crossrefs «polite pool», og Crossref kan si fra om noe er galt."
    )


def cache_path(doi: str) -> str:
    """Where the response for `doi` is kept, relative to the project: DOIs are case-insensitive, and a hash
    makes any DOI a plain file name."""
    return f"{CACHE}/{hashlib.sha256(doi.lower().encode('ascii')).hexdigest()[:32]}.json"


def is_cached(root: Path, doi: str) -> bool:
    """Whether `work` will answer from the cache (the missing contact only matters for a request)."""
    return _read_cache(root, cache_path(doi)) is not None


def work(root: Path, doi: str, contact: str | None, opener: Opener | None = None) -> dict[str, Any]:
    """Crossref's `message` for `doi` (already checked with `valid_doi`): from the cache, or fetched and
    then kept. Raises CrossrefError."""
    relative = cache_path(doi)
    cached = _read_cache(root, relative)
    if cached is not None:
        with contextlib.suppress(CrossrefError):  # a damaged cache file is fetched again
            return _message(cached, doi)
    data = _fetch(doi, contact, opener or urllib.request.urlopen)  # looked up now: a test may replace it
    message = _message(data, doi)
    try:
        with contained_folder(root, CACHE) as folder:
            write_file(folder, relative, relative.rpartition("/")[2], data.decode("utf-8"), replace=True)
    except WriteError as error:
        raise CrossrefError(f"svaret fra Crossref kunne ikke lagres i {error.path}: {error.reason}") from error
    return message


def _read_cache(root: Path, relative: str) -> bytes | None:
    try:
        descriptor = os.open(root / relative, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return None  # not there (or a link, which is never followed): fetch
    with os.fdopen(descriptor, "rb") as file:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return None
        data = file.read(MAX_RESPONSE + 1)
    return data if len(data) <= MAX_RESPONSE else None


def _fetch(doi: str, contact: str | None, opener: Opener) -> bytes:
    url = API + urllib.parse.quote(doi, safe="/")
    agent = "samverdi-kunnskapsoppsummering/1.0"
    if contact:  # Crossref's etiquette: the address both as a parameter and in the User-Agent
        url += "?" + urllib.parse.urlencode({"mailto": contact})
        agent += f" (mailto:{contact})"
    request = urllib.request.Request(url, headers={"User-Agent": agent, "Accept": "application/json"})
    deadline = time.monotonic() + TIMEOUT
    try:
        with opener(request, timeout=TIMEOUT) as response:
            return _read_bounded(response, deadline)
    except urllib.error.HTTPError as error:
        if error.code == 404:
            raise CrossrefError(
                f"Crossref kjenner ikke DOI-en {doi} (404). Sjekk den mot doi.org; en DOI fra DataCite "
                "(for eksempel Zenodo) eller mEDRA finnes ikke hos Crossref: importer da en eksport i stedet"
            ) from error
        raise CrossrefError(
            f"Crossref svarte med feil {error.code} for {doi}. Prøv igjen senere (ved 429: vent et minutt)"
        ) from error
    except (urllib.error.URLError, OSError, ValueError) as error:  # no network, no name lookup, a timeout
        raise CrossrefError(
            f"fikk ikke kontakt med api.crossref.org ({_network_reason(error)}). Er maskinen på nett? Prøv igjen når den er det; "
            "det som alt er hentet, ligger i .cache/crossref/ og hentes ikke på nytt",
            offline=True,
        ) from error


_NETWORK_REASONS = {
    errno.ENETUNREACH: "nettet kan ikke nås",
    errno.EHOSTUNREACH: "maskinen kan ikke nås",
    errno.ECONNREFUSED: "tilkoblingen ble avvist",
    errno.ECONNRESET: "tilkoblingen ble brutt",
    errno.ETIMEDOUT: f"fikk ikke svar innen {TIMEOUT:.0f} sekunder",
}


def _network_reason(error: Exception) -> str:
    """Why no answer came, in Norwegian where the reason is a common one (else as the system says it)."""
    reason = error.reason if isinstance(error, urllib.error.URLError) else error
    if isinstance(reason, socket.gaierror):
        return "fant ikke adressen; mangler nettet?"
    if isinstance(reason, OSError) and reason.errno in _NETWORK_REASONS:
        return _NETWORK_REASONS[reason.errno]
    if isinstance(reason, TimeoutError):
        return _NETWORK_REASONS[errno.ETIMEDOUT]
    return str(reason)


def _read_bounded(response: IO[bytes], deadline: float) -> bytes:
    """The response, read in chunks within the size cap and the deadline."""
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read(_CHUNK):
        size += len(chunk)
        if size > MAX_RESPONSE:
            raise CrossrefError(
                f"svaret fra Crossref er større enn {MAX_RESPONSE // 1024} KiB, og det er ikke et verks metadata; "
                "importer en eksport fra referanseverktøyet i stedet"
            )
        if time.monotonic() > deadline:
            raise TimeoutError(errno.ETIMEDOUT, f"svaret tok mer enn {TIMEOUT:.0f} sekunder")
        chunks.append(chunk)
    return b"".join(chunks)


def _message(data: bytes, doi: str) -> dict[str, Any]:
    """The `message` of a Crossref work response; CrossrefError for anything else."""
    try:
        parsed = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise CrossrefError(
            f"svaret fra Crossref for {doi} er ikke JSON (kanskje en feilside fra et nettverk som krever "
            "innlogging). Prøv igjen senere, eller fra et annet nett"
        ) from error
    message = parsed.get("message") if isinstance(parsed, dict) else None
    if not isinstance(parsed, dict) or parsed.get("message-type") != "work" or not isinstance(message, dict):
        raise CrossrefError(f"svaret fra Crossref for {doi} beskriver ikke et verk; prøv igjen senere")
    if str(message.get("DOI", "")).lower() != doi.lower():
        raise CrossrefError(f"Crossref svarte med et annet verk ({str(message.get('DOI', ''))[:80]}) enn {doi}")
    return message


def csl_record(message: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The work as a CSL-JSON record (the shape `formats` reads), and notes on what was left out.

    Crossref's `message` is close to CSL-JSON but not it: types have other names, the subtitle is
    separate, titles carry markup, an organisation is `name` where CSL has `literal`, and `issued` is
    the first date (often online first) where APA wants the year of the issue (`published-print`)."""
    notes: list[str] = []
    title = _plain(_first(message.get("title")))
    subtitle = _plain(_first(message.get("subtitle")))
    record: dict[str, Any] = {
        "id": message.get("DOI"),
        "type": _TYPES.get(str(message.get("type", "")), str(message.get("type", ""))),
        "title": f"{title}: {subtitle}" if title and subtitle and subtitle.lower() not in title.lower() else title,
        "container-title": _plain(_first(message.get("container-title"))),
        "issued": _year_of(message),
        "DOI": message.get("DOI"),
    }
    for name in ("volume", "issue", "page", "publisher", "ISBN", "ISSN"):
        if message.get(name):
            record[name] = message[name]
    for role in ("author", "editor"):
        listed = message.get(role)
        people = [person for person in listed if isinstance(person, dict)] if isinstance(listed, list) else []
        persons = [person for person in people if isinstance(person.get("family"), str) and person["family"].strip()]
        names = [person["name"] for person in people if person not in persons and isinstance(person.get("name"), str)]
        if persons and names:  # Crossref often lists affiliations as authors beside the people
            shown = "forfatter" if role == "author" else "redaktør"
            notes.append(
                f"Crossref oppgir også {', '.join(names)} som {shown}; tatt ut (trolig en tilknytning, ikke en person)"
            )
        record[role] = [{"family": person["family"], "given": _first(person.get("given"))} for person in persons] or [
            {"literal": name} for name in names
        ]
    return record, notes


def _year_of(message: dict[str, Any]) -> dict[str, Any]:
    for name in ("published-print", "issued", "published-online"):
        date = message.get(name)
        parts = date.get("date-parts") if isinstance(date, dict) else None
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0] and parts[0][0]:
            return {"date-parts": [[parts[0][0]]]}
    return {}


def _first(value: object) -> str:
    items = value if isinstance(value, list) else [value]
    return next((str(item) for item in items if isinstance(item, str) and item.strip()), "")


def _plain(text: str) -> str:
    return " ".join(_TAG.sub("", text).split())
