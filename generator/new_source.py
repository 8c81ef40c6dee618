"""`python -m generator new <key>`: a source file to fill in, for an existing BibTeX entry.

Writes `literature/sources/<key>.yaml` with every field and a Norwegian comment on each,
listing the allowed values from `vocabulary.yaml`. Never overwrites a file.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from generator import apa
from generator.diagnostics import Diagnostics
from generator.identifiers import explain, is_identifier
from generator.latex import latex_to_plain
from generator.layout import SOURCES
from generator.load import RawEvidence, load_evidence
from generator.schema import did_you_mean

_TEMPLATE = """\
# yaml-language-server: $schema=../../generator/schemas/source.schema.json
# Koding av: {citation}. {title}
# Fyll inn feltene, kjør «make check» og se siden med «make serve».
# Slik fyller du ut: CONTRIBUTING.md.

# Temaene kilden hører til (filnavn i literature/themes/): {themes}
temaer: []

# Studiedesign, én av: {designs}
design: ""

kontekst:
  # Landkoder, for eksempel [NO, DK]. Gyldige: {countries}
  land: []
  # Forvaltningsnivå: {levels}
  nivå: []
  # Sektor: {sectors}
  sektor: []

# Sammendrag på klarspråk (bokmål), 2–4 setninger. Skriv bare det kilden faktisk sier.
sammendrag: ""

# Hovedfunn eller hovedargumenter i kilden, ett per punkt: - "…"
funn: []

# Hva kilden betyr for ledere i kommunen, ett per punkt. Bare der kilden gir grunnlag for det.
implikasjoner: []

# Gjennomgangsstatus: {statuses}
status: utkast

# Datoen kilden ble lagt til.
lagt_til: {today}

# Nettadressene der opplysningene i sammendraget og funnene er hentet fra.
faktagrunnlag: []

# true når opplysningene om kilden er få: siden viser en nøytral merknad. Beskjeder til
# forskergruppen skrives som kommentarer som denne, aldri i tekstfeltene.
faktagrunnlag_tynt: false
"""


def _ids(data: object, group: str) -> str:
    values = data.get(group, {}) if isinstance(data, dict) else {}
    return ", ".join(values) if isinstance(values, dict) else ""


def new_source(root: Path, key: str, today: datetime.date) -> tuple[Path | None, str]:
    """Write the source file for `key`; returns (path, message), path None when refused."""
    return new_sources(root, [key], today)[0]


def new_sources(root: Path, keys: list[str], today: datetime.date) -> list[tuple[Path | None, str]]:
    """`new_source` for several keys, reading the evidence base once (an import adds many)."""
    raw = load_evidence(root, Diagnostics())
    return [_new_source(root, raw, key, today) for key in keys]


def _new_source(root: Path, raw: RawEvidence, key: str, today: datetime.date) -> tuple[Path | None, str]:
    if not is_identifier(key):  # the key becomes the file name: never a path of its own
        return None, explain(key, "Nøkkelen") + "."
    entries = {item.key: item.entry for item in raw.bib_entries}
    target = root / SOURCES / f"{key}.yaml"
    if key not in entries:
        return None, (
            f"Fant ingen BibTeX-oppføring med nøkkelen '{key}'{did_you_mean(key, sorted(entries))} "
            "Legg oppføringen til i en .bib-fil i literature/ først."
        )
    if target.exists():
        return None, f"{target.relative_to(root).as_posix()} finnes allerede; den blir ikke skrevet over."
    vocabulary = raw.vocabulary.data if raw.vocabulary else {}
    entry = entries[key]
    text = _TEMPLATE.format(
        citation=f"{apa.in_text_names(entry)[1]} ({apa.entry_year(entry)})",
        title=latex_to_plain(entry.fields.get("title", "")),
        themes=", ".join(theme.id for theme in raw.themes),
        designs=_ids(vocabulary, "design"),
        countries=_ids(vocabulary, "land"),
        levels=_ids(vocabulary, "nivå"),
        sectors=_ids(vocabulary, "sektor"),
        statuses=_ids(vocabulary, "status"),
        today=today.isoformat(),
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as file:  # "x": never overwrite, even in a race
        file.write(text)
    return target, f"Skrev {target.relative_to(root).as_posix()}. Fyll inn feltene og kjør «make check»."
