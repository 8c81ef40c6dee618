"""Write a realistic synthetic SAMVERDI project of N sources: `python bench/corpus.py N DIR`.

The tree has everything `python -m generator build` and `mkdocs build` need: a .bib file with
Norwegian letters and LaTeX escapes, one source file per entry, nine themes citing sources,
the shipped vocabulary, summary and glossary, mkdocs.yml and the hand-written docs/.
The content is generated, deterministic (seeded) and clearly fictional: benchmark data only.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from pathlib import Path

from generator.core.layout import GENERATED_FOLDERS, MKDOCS_HOOKS

REPO = Path(__file__).resolve().parent.parent
# The vocabulary and summary come from the tests' frozen copy of the evidence base: the designs and
# countries below must stay valid whatever a researcher's pull request does to literature/.
FROZEN_BASE = REPO / "tests" / "fixtures" / "kunnskapsgrunnlag" / "literature"
# A theme's line in mkdocs.yml's navigation (not the themes' index page).
_NAV_THEME = re.compile(r"^( *)- tema/(?!index\.md)([a-z0-9-]+)\.md\n", re.MULTILINE)


def site_config(literature: Path) -> str:
    """This repository's mkdocs.yml with the themes in `literature/themes/` in its navigation.

    The navigation lists the shipped evidence base's themes, so a project with other themes (the tests'
    frozen copy, this corpus) would fail the check (nav-missing-theme) or `mkdocs build --strict` as soon
    as a pull request adds or renames a theme. The navigation's order is kept; other themes follow by name."""
    text = (REPO / "mkdocs.yml").read_text("utf-8")
    found = list(_NAV_THEME.finditer(text))
    if not found:
        return text
    present = {path.stem for path in (literature / "themes").glob("*.md")}
    listed = [match.group(2) for match in found]
    ordered = [theme for theme in listed if theme in present] + sorted(present - set(listed))
    lines = "".join(f"{found[0].group(1)}- tema/{theme}.md\n" for theme in ordered)
    return text[: found[0].start()] + lines + text[found[-1].end() :]


THEMES = (
    "samskaping-begreper",
    "fellesskapsverdier",
    "styringslogikker",
    "politisk-ledelse",
    "administrativ-ledelse",
    "legitimitet-medvirkning",
    "tillit",
    "ressurser-effekter",
    "verktoy-arenaer",
)
DESIGNS = ("konseptuell", "casestudie", "komparativ-casestudie", "survey", "systematisk-oversikt", "antologi")
COUNTRIES = ("NO", "DK", "SE", "FI", "NL", "GB", "US")
SURNAMES = (
    "Hansen",
    "Johansen",
    "Ølberg",
    "Aasen",
    "Sørensen",
    "Kristiansen",
    "Berg",
    "Haugen",
    "Dahl",
    "Lie",
    "Bråten",
    "Strøm",
)
LATEX_SURNAMES = (r"S{\o}rensen", r"R{\o}iseland", r"Aars{\ae}ther", r"Bj{\o}rnstad", r"{\AA}sheim", r"M\"uller")
FIRST = ("Kari", "Ola", "Ingrid", "Lars", "Åse", "Øyvind", "Marte", "Jon", "Eva", "Asbjørn")
WORDS = (
    "samskaping",
    "kommune",
    "ledelse",
    "tillit",
    "innovasjon",
    "medvirkning",
    "verdi",
    "styring",
    "nettverk",
    "co-creation",
    "governance",
    "public",
    "value",
    "leadership",
    "trust",
    "collaboration",
    "municipal",
    "citizens",
)
ENTRY_TYPES = ("article", "article", "article", "book", "incollection", "techreport")


def _name(rng: random.Random) -> str:
    surname = rng.choice(LATEX_SURNAMES) if rng.random() < 0.3 else rng.choice(SURNAMES)
    return f"{surname}, {rng.choice(FIRST)}"


def _title(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(5, 10))]
    title = " ".join(words).capitalize()
    if rng.random() < 0.3:
        title += ": {Oslo} og {Trondheim} -- erfaringer fra " + rng.choice(("Norge", r"Tr{\o}ndelag", "Danmark"))
    return title


def _entry(key: str, rng: random.Random) -> str:
    kind = rng.choice(ENTRY_TYPES)
    authors = " and ".join(_name(rng) for _ in range(rng.randint(1, 4)))
    year = rng.randint(1990, 2025)
    fields = [f"  author = {{{authors}}}", f"  title = {{{_title(rng)}}}", f"  year = {{{year}}}"]
    if kind == "article":
        fields += [
            f"  journal = {{Tidsskrift for {rng.choice(WORDS)} \\& {rng.choice(WORDS)}}}",
            f"  volume = {{{rng.randint(1, 60)}}}",
            f"  number = {{{rng.randint(1, 12)}}}",
            f"  pages = {{{(start := rng.randint(1, 400))}--{start + rng.randint(5, 30)}}}",
            f"  doi = {{10.{rng.randint(1000, 9999)}/bench.{key}}}",
        ]
    elif kind == "book":
        fields += ["  publisher = {Fagbokforlaget}"]
    elif kind == "incollection":
        fields += [
            f"  editor = {{{_name(rng)}}}",
            f"  booktitle = {{{_title(rng)}}}",
            "  publisher = {Universitetsforlaget}",
            f"  pages = {{{(start := rng.randint(1, 300))}--{start + 20}}}",
        ]
    else:
        fields += [
            "  institution = {By- og regionforskningsinstituttet {NIBR}}",
            f"  number = {{{year}:{rng.randint(1, 20)}}}",
            "  type = {Rapport}",
        ]
    fields += [
        f"  language = {{{rng.choice(('english', 'norwegian', 'danish'))}}}",
        f"  keywords = {{{'; '.join(rng.sample(WORDS, 3))}}}",
    ]
    return f"@{kind}{{{key},\n" + ",\n".join(fields) + "\n}\n"


def _source(rng: random.Random, keys: list[str], index: int) -> str:
    themes = rng.sample(THEMES, rng.randint(1, 3))
    cite = f" Se også [@{keys[index - 1]}]." if index else ""
    summary = " ".join(rng.choice(WORDS) for _ in range(40)).capitalize() + "." + cite
    return (
        "# yaml-language-server: $schema=../../generator/schemas/source.schema.json\n"
        f"temaer: [{', '.join(themes)}]\n"
        f"design: {rng.choice(DESIGNS)}\n"
        "kontekst:\n"
        f"  land: [{', '.join(rng.sample(COUNTRIES, rng.randint(1, 2)))}]\n"
        "  nivå: [kommune]\n"
        f"sammendrag: >-\n  {summary}\n"
        "funn:\n"
        + "".join(f"  - {rng.choice(WORDS).capitalize()} har betydning for {rng.choice(WORDS)}.\n" for _ in range(2))
        + "status: utkast\n"
        "lest: fulltekst\n"  # synthetic: read in full, so the check lets the method concern be small
        f"lagt_til: 2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}\n"
    )


def _assessment(sources: int) -> str:
    """One moderate concern: the rule gives 'moderat', the level the synthetic findings have. One
    source cannot show coherence (generator/check/check_confidence.py)."""
    concerns = (
        ("metode", "små"),
        ("samstemmighet", "små" if sources > 1 else "kan-ikke-vurderes"),
        ("datamengde", "moderate"),
        ("relevans", "ingen"),
    )
    return "    vurdering:\n" + "".join(
        f"      {component}: {{bekymring: {concern}, forklaring: Syntetisk.}}\n" for component, concern in concerns
    )


def _theme(theme_id: str, order: int, members: list[str], rng: random.Random) -> str:
    cited = members[:60]
    findings = (
        "".join(
            f"  - påstand: Funn {number} om {theme_id}.\n    tiltro: moderat\n    begrunnelse: Syntetiske data.\n"
            f"    kilder: [{', '.join(rng.sample(members, min(3, len(members))))}]\n{_assessment(len(members))}"
            for number in range(1, 4)
        )
        if members
        else ""
    )
    body = "\n\n".join(" ".join(rng.choice(WORDS) for _ in range(30)) + f" [@{key}]." for key in cited)
    return (
        f"---\ntittel: Tema {theme_id}\nrekkefølge: {order}\nkort: Et syntetisk tema for måling.\nstatus: utkast\n"
        + (f"hovedfunn:\n{findings}" if findings else "")
        + f"---\n{body}\n"
    )


def write_corpus(count: int, root: Path, seed: int = 2026) -> None:
    """Write a project of `count` sources into `root` (which is emptied first)."""
    rng = random.Random(seed)
    if root.exists():
        shutil.rmtree(root)
    (root / "literature/sources").mkdir(parents=True)
    (root / "literature/themes").mkdir(parents=True)
    keys = [f"kilde{index:05d}" for index in range(count)]
    (root / "literature/samverdi.bib").write_text("".join(_entry(key, rng) for key in keys), "utf-8")
    members: dict[str, list[str]] = {theme: [] for theme in THEMES}
    for index, key in enumerate(keys):
        text = _source(rng, keys, index)
        (root / f"literature/sources/{key}.yaml").write_text(text, "utf-8")
        for theme in text.split("\n", 2)[1].removeprefix("temaer: [").removesuffix("]").split(", "):
            members[theme].append(key)
    for order, theme in enumerate(THEMES, start=1):
        (root / f"literature/themes/{theme}.md").write_text(_theme(theme, order, members[theme], rng), "utf-8")
    shutil.copy(FROZEN_BASE / "vocabulary.yaml", root / "literature" / "vocabulary.yaml")
    summary = (FROZEN_BASE / "summary.yaml").read_text("utf-8").split("\nhovedbudskap:")[0].rstrip()
    messages = "".join(f"\n  - {{tema: {theme}, hovedfunn: 1}}" for theme in THEMES[:5])
    (root / "literature/summary.yaml").write_text(f"{summary}\nhovedbudskap:{messages}\n", "utf-8")
    (root / "literature/glossary.yaml").write_text(
        "begreper:\n  samskaping:\n    navn: Samskaping\n    definisjon: Et syntetisk begrep.\n"
        f"    kilder: [{keys[0]}]\nforkortelser:\n  NPM: New Public Management\n",
        "utf-8",
    )
    (root / "mkdocs.yml").write_text(site_config(root / "literature"), "utf-8")
    shutil.copytree(REPO / "overrides", root / "overrides")
    for hook in MKDOCS_HOOKS:
        (root / hook).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / hook, root / hook)
    shutil.copytree(REPO / "docs", root / "docs", ignore=shutil.ignore_patterns(*GENERATED_FOLDERS))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("count", type=int)
    parser.add_argument("directory", type=Path)
    arguments = parser.parse_args()
    write_corpus(arguments.count, arguments.directory)


if __name__ == "__main__":
    main()
