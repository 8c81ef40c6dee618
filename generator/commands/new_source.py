"""`python -m generator new <key>`: a source file to fill in, for an existing BibTeX entry.

Writes `literature/sources/<key>.yaml` with every field and a Norwegian comment on each,
listing the allowed values from `vocabulary.yaml`. Never overwrites a file.

The fields are written by PyYAML's emitter and the file is read back before it is written;
what comes from the entry or the vocabulary (title, names, ids) is only ever in a comment,
on one line with every line break and control character escaped, so it cannot leave it.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from generator.check.schema import did_you_mean
from generator.core import apa
from generator.core.diagnostics import Diagnostics, with_hidden_shown
from generator.core.identifiers import explain, is_identifier, reserved
from generator.core.latex import latex_to_plain
from generator.core.layout import SOURCES
from generator.load.evidence import RawEvidence, load_evidence
from generator.write.files import WriteError, contained_folder, write_file

_HEADER = """\
# yaml-language-server: $schema=../../generator/schemas/source.schema.json
# Koding av: {citation}. {title}
# Fyll inn feltene, kjør «make check» og se siden med «make serve».
# Slik fyller du ut: CONTRIBUTING.md.
"""
# The comment above each field (a dotted name for a field in a table), with the values it lists.
_COMMENTS = {
    "temaer": "Temaene kilden hører til (filnavn i literature/themes/): {themes}",
    "design": "Studiedesign, én av: {designs}",
    "kontekst.land": "Landkoder, for eksempel [NO, DK]. Gyldige: {countries}",
    "kontekst.nivå": "Forvaltningsnivå: {levels}",
    "kontekst.sektor": "Sektor: {sectors}",
    "sammendrag": "Sammendrag på klarspråk (bokmål), 2–4 setninger. Skriv bare det kilden faktisk sier.",
    "funn": 'Hovedfunn eller hovedargumenter i kilden, ett per punkt: - "…"',
    "implikasjoner": "Hva kilden betyr for ledere i kommunen, ett per punkt. Bare der kilden gir grunnlag for det.",
    "status": "Gjennomgangsstatus: {statuses}",
    "lagt_til": "Datoen kilden ble lagt til.",
    "lest": (
        "Hvor mye av kilden du har lest: fulltekst, sammendrag, forlagsomtale (forlagets, bibliotekets\n"
        "eller instituttets omtale) eller tittel (bare tittelen og opplysningene om utgivelsen)."
    ),
    "faktagrunnlag": "Nettadressene der opplysningene i sammendraget og funnene er hentet fra.",
    "faktagrunnlag_tynt": (
        "true når opplysningene om kilden er få: siden viser en nøytral merknad. Beskjeder til\n"
        "forskergruppen skrives som kommentarer som denne, aldri i tekstfeltene."
    ),
}


class _Dumper(yaml.CSafeDumper):  # libyaml: an import writes hundreds of these
    """Empty text as "" (the researcher fills in between the quotes), the rest as PyYAML chooses."""


_Dumper.add_representer(
    str,
    lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style=None if text else '"'),
)


def _fields(today: datetime.date) -> dict[str, Any]:
    return {
        "temaer": [],
        "design": "",
        "kontekst": {"land": [], "nivå": [], "sektor": []},
        "sammendrag": "",
        "funn": [],
        "implikasjoner": [],
        "status": "utkast",
        "lagt_til": today,
        "lest": "tittel",  # all a new entry tells: the researcher raises it on reading more
        "faktagrunnlag": [],
        "faktagrunnlag_tynt": False,
    }


def source_file_text(header: Mapping[str, str], lists: Mapping[str, str], today: datetime.date) -> str:
    """The source file to fill in: the fields by the YAML emitter, each under its comment, read back.

    `header` has the citation and title of the entry, `lists` the allowed values for the comments."""
    fields = _fields(today)
    lines = [_HEADER.format(**{name: with_hidden_shown(value) for name, value in header.items()})]
    for name, value in fields.items():
        emitted = yaml.dump({name: value}, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
        if isinstance(value, dict):  # a table: each of its fields under its own comment
            head, *inner = emitted.splitlines()
            lines.append(f"\n{head}\n")
            for sub, line in zip(value, inner, strict=True):
                lines.append(_comment(_COMMENTS[f"{name}.{sub}"], lists, "  ") + f"{line}\n")
        else:
            lines.append("\n" + _comment(_COMMENTS[name], lists, "") + emitted)
    text = "".join(lines)
    if yaml.load(text, Loader=yaml.CSafeLoader) != fields:  # never a file that says other than what was meant
        raise ValueError("source file template does not read back")
    return text


def _comment(template: str, lists: Mapping[str, str], indent: str) -> str:
    filled = template.format(**{name: with_hidden_shown(value) for name, value in lists.items()})
    return "".join(f"{indent}# {line}".rstrip() + "\n" for line in filled.split("\n"))


def _ids(data: object, group: str) -> str:
    values = data.get(group, {}) if isinstance(data, dict) else {}
    return ", ".join(str(value) for value in values) if isinstance(values, dict) else ""


def new_source(root: Path, key: str, today: datetime.date) -> tuple[Path | None, str]:
    """Write the source file for `key`; returns (path, message), path None when refused."""
    return new_sources(root, [key], today)[0]


def new_sources(root: Path, keys: list[str], today: datetime.date) -> list[tuple[Path | None, str]]:
    """`new_source` for several keys, reading the evidence base once (an import adds many).

    Written only inside `literature/sources/`, never through a link (`write.contained_folder`)."""
    try:
        with contained_folder(root, SOURCES) as folder:  # checked before anything is read or written
            raw = load_evidence(root, Diagnostics())
            return [_new_source(root, raw, folder, key, today) for key in keys]
    except WriteError as error:
        return [(None, located(error)) for _ in keys]


def located(error: WriteError) -> str:
    """The refusal as the check prints a problem: path:line:col: error[code]: why."""
    diagnostics = Diagnostics()
    diagnostics.add(error.path, 1, 1, error.code, error.reason)
    return str(next(iter(diagnostics)))


def _new_source(root: Path, raw: RawEvidence, folder: int, key: str, today: datetime.date) -> tuple[Path | None, str]:
    if not is_identifier(key):  # the key becomes the file name: never a path of its own
        return None, explain(key, "Nøkkelen") + "."
    problem = reserved(key, "Nøkkelen", "kilde")
    if problem:  # a source file the check would refuse (reserved-id) is not written either
        return None, problem + "."
    entries = {item.key: item.entry for item in raw.bib_entries}
    target = root / SOURCES / f"{key}.yaml"
    shown = f"{SOURCES}/{key}.yaml"
    if key not in entries:
        return None, (
            f"Fant ingen BibTeX-oppføring med nøkkelen '{key}'{did_you_mean(key, sorted(entries))} "
            "Legg oppføringen til i en .bib-fil i literature/ først."
        )
    if target.exists() or target.is_symlink():
        return None, f"{shown} finnes allerede; den blir ikke skrevet over."
    vocabulary = raw.vocabulary.data if raw.vocabulary else {}
    entry = entries[key]
    header = {
        "citation": f"{apa.in_text_names(entry)[1]} ({apa.entry_year(entry)})",
        "title": latex_to_plain(entry.fields.get("title", "")),
    }
    lists = {
        "themes": ", ".join(theme.id for theme in raw.themes),
        "designs": _ids(vocabulary, "design"),
        "countries": _ids(vocabulary, "land"),
        "levels": _ids(vocabulary, "nivå"),
        "sectors": _ids(vocabulary, "sektor"),
        "statuses": _ids(vocabulary, "status"),
    }
    try:
        write_file(folder, shown, f"{key}.yaml", source_file_text(header, lists, today), replace=False)
    except WriteError as error:
        return None, located(error)
    return target, f"Skrev {shown}. Fyll inn feltene og kjør «make check»."
