"""Editions: a snapshot of what a reader sees, recorded in `literature/utgaver/<versjon>.json`, read
back and checked as strictly as any other file of the evidence base. What changed between two
snapshots, for /endringer/ and for pull requests, is generator/model/changes.py.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from generator.core.cerqual import COMPONENTS
from generator.core.diagnostics import Diagnostics
from generator.core.layout import EDITIONS, SUMMARY
from generator.load.evidence import read_text, regular_files
from generator.load.yamlsafe import YamlDocument
from generator.model.build import Model

FORMAT = 1
_VERSION = re.compile(r"\d{1,6}(\.\d{1,6}){0,3}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def version_key(version: str) -> tuple[int, ...]:
    """`1.10` after `1.9`: versions compare number by number; `1` and `1.0` are the same."""
    numbers = [int(part) for part in version.split(".")]
    while len(numbers) > 1 and numbers[-1] == 0:
        numbers.pop()
    return tuple(numbers)


def snapshot(model: Model, version: str, date: str) -> dict[str, Any]:
    """Everything a reader sees that an edition records, as plain JSON values."""
    by_concern = {}
    for theme in model.themes:
        for finding in theme.key_findings:
            for key, component in zip(COMPONENTS, finding.assessment, strict=False):
                by_concern[(theme.id, finding.number, key)] = component
    data: dict[str, Any] = {
        "format": FORMAT,
        "versjon": version,
        "dato": date,
        "kort_fortalt": list(model.info.in_short),
        "hovedbudskap": [
            {"tema": message.theme_id, "påstand": message.finding.claim} for message in model.info.key_messages
        ],
        "temaer": {
            theme.id: {"tittel": theme.title, "tekst": hashlib.sha256(theme.body.encode()).hexdigest()}
            for theme in model.themes
        },
        "hovedfunn": [
            {
                "tema": theme.id,
                "nummer": finding.number,
                "påstand": finding.claim,
                "tiltro": finding.confidence.label,
                "vurdering": {
                    COMPONENTS[key]: {
                        "bekymring": by_concern[(theme.id, finding.number, key)].concern.label,
                        "forklaring": by_concern[(theme.id, finding.number, key)].explanation,
                    }
                    for key in COMPONENTS
                    if (theme.id, finding.number, key) in by_concern
                },
                "kilder": list(finding.sources),
            }
            for theme in model.themes
            for finding in theme.key_findings
        ],
        "kilder": {
            source.key: {"referanse": Markup(source.reference.html).striptags(), "status": source.status.label}
            for source in model.sources
        },
    }
    data["fingeravtrykk"] = _fingerprint(data)
    return data


def _fingerprint(data: dict[str, Any]) -> str:
    return hashlib.sha256(canonical({k: v for k, v in data.items() if k != "fingeravtrykk"}).encode()).hexdigest()


def canonical(data: object) -> str:
    """The one serialisation: sorted keys, fixed separators, UTF-8 as is, one trailing newline."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


# Loading: a snapshot is part of the evidence base and checked as strictly as any other file.


@dataclass(frozen=True)
class Edition:
    version: str
    date: str
    data: dict[str, Any]


def _is_text_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _is_text_map(value: object, keys: set[str]) -> bool:
    return isinstance(value, dict) and set(value) == keys and all(isinstance(item, str) for item in value.values())


def _shape_problem(data: object) -> str | None:
    """What is wrong with a snapshot's shape, in Norwegian; None when it is right."""
    if not isinstance(data, dict):
        return "filen er ikke et JSON-objekt"
    expected = {"format", "versjon", "dato", "kort_fortalt", "hovedbudskap", "temaer", "hovedfunn", "kilder"}
    expected.add("fingeravtrykk")
    if set(data) != expected:
        return f"feltene skal være {', '.join(sorted(expected))}"
    if data["format"] != FORMAT:
        return f"format skal være {FORMAT}"
    if not isinstance(data["versjon"], str) or not _VERSION.fullmatch(data["versjon"]):
        return "versjon skal være tall med punktum mellom, for eksempel 1.2"
    if not isinstance(data["dato"], str) or not _DATE.fullmatch(data["dato"]):
        return "dato skal skrives ÅÅÅÅ-MM-DD"
    if not _is_text_list(data["kort_fortalt"]):
        return "kort_fortalt skal være en liste med tekster"
    if not isinstance(data["hovedbudskap"], list) or not all(
        _is_text_map(item, {"tema", "påstand"}) for item in data["hovedbudskap"]
    ):
        return "hovedbudskap skal være en liste med tema og påstand"
    themes = data["temaer"]
    if not isinstance(themes, dict) or not all(_is_text_map(item, {"tittel", "tekst"}) for item in themes.values()):
        return "temaer skal gi tittel og tekst for hvert tema"
    sources = data["kilder"]
    if not isinstance(sources, dict) or not all(
        _is_text_map(item, {"referanse", "status"}) for item in sources.values()
    ):
        return "kilder skal gi referanse og status for hver kilde"
    for item in data["hovedfunn"] if isinstance(data["hovedfunn"], list) else [None]:
        if not (
            isinstance(item, dict)
            and set(item) == {"tema", "nummer", "påstand", "tiltro", "vurdering", "kilder"}
            and all(isinstance(item[name], str) for name in ("tema", "påstand", "tiltro"))
            and type(item["nummer"]) is int
            and _is_text_list(item["kilder"])
            and isinstance(item["vurdering"], dict)
            and all(_is_text_map(part, {"bekymring", "forklaring"}) for part in item["vurdering"].values())
        ):
            return "hovedfunn skal være en liste med tema, nummer, påstand, tiltro, vurdering og kilder"
    if data["fingeravtrykk"] != _fingerprint(data):
        return "innholdet stemmer ikke med fingeravtrykket: en utgave skal aldri endres for hånd"
    return None


def load_editions(root: Path, diagnostics: Diagnostics) -> tuple[Edition, ...]:
    """The recorded editions, oldest first; each broken one is a located error and left out. Read as
    every file in literature/ is (generator/load/evidence.py): no links, a size cap, the character gate."""
    editions = []
    for shown in regular_files(root, EDITIONS, "", diagnostics):
        name = shown.rsplit("/", 1)[1]
        version = name.removesuffix(".json")
        if name.startswith("."):
            continue
        if not name.endswith(".json") or not _VERSION.fullmatch(version):
            diagnostics.add(
                shown,
                1,
                1,
                "edition-invalid",
                "bare utgaver hører hjemme her, med navn som 1.0.json; lag dem med make utgave V=…",
            )
            continue
        text = read_text(root, shown, diagnostics)
        if text is None:
            continue
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            diagnostics.add(
                shown,
                error.lineno,
                error.colno,
                "edition-invalid",
                f"er ikke gyldig JSON ({error.msg}); en utgave skal aldri endres for hånd",
            )
            continue
        problem = _shape_problem(data)
        if problem is None and data["versjon"] != version:
            problem = f"versjon i filen ({data['versjon']}) er ikke den i filnavnet ({version})"
        if problem is None and text != canonical(data):
            problem = "filen er ikke skrevet slik make utgave skriver den: en utgave skal aldri endres for hånd"
        if problem is not None:
            diagnostics.add(shown, 1, 1, "edition-invalid", problem)
            continue
        editions.append(Edition(version, data["dato"], data))
    editions.sort(key=lambda edition: version_key(edition.version))
    for earlier, later in itertools.pairwise(editions):
        if version_key(earlier.version) == version_key(later.version):
            diagnostics.add(
                f"{EDITIONS}/{later.version}.json",
                1,
                1,
                "edition-invalid",
                f"er samme utgave som {earlier.version}; fjern den ene",
            )
        elif later.date < earlier.date:
            diagnostics.add(
                f"{EDITIONS}/{later.version}.json",
                1,
                1,
                "edition-invalid",
                f"har dato {later.date}, før utgave {earlier.version} ({earlier.date})",
            )
    return tuple(editions)


def check_version(summary: YamlDocument | None, editions: tuple[Edition, ...], diagnostics: Diagnostics) -> None:
    """`versjon` in summary.yaml may run ahead of the last edition, never behind it."""
    version = summary.value(("versjon",)) if summary is not None and editions else None
    if not isinstance(version, str) or not _VERSION.fullmatch(version):
        return  # the schema reports a version of the wrong form
    last = editions[-1].version
    if version_key(version) < version_key(last):
        line, column = summary.position(("versjon",)) if summary is not None else (1, 1)
        diagnostics.add(
            SUMMARY,
            line,
            column,
            "edition-version",
            f'versjon er {version}, men siste utgave er {last}; skriv versjon: "{last}" (make utgave setter den selv)',
        )
