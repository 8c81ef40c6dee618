"""Command line: `python -m generator check|build [--root DIR] [--strict]`, and `new`, `import` (a file,
`--doi`, or `--berik [--skriv]`), `pdf` and `check-site`.

Prints every diagnostic (and GitHub annotations under GitHub Actions), then one summary
line in Norwegian. Exit status: 0 fine, 1 errors (or warnings with --strict), 2 usage.

Over 350 lines: one short function per command, each only parsing its arguments and printing what
the stages return; the printing itself (`_say`, `_print_lines`, `_report`) must stay in this one
module (tests/test_printed.py).
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from generator.core.diagnostics import Diagnostic, Diagnostics, Severity, printable, step_summary
from generator.core.layout import DEFAULT_BIB, EDITIONS, SOURCES
from generator.pipeline import build, check
from generator.write.files import WriteError, WriteReport

ANNOTATIONS_SHOWN = 10  # GitHub shows ten errors and ten warnings per step; the log has every problem

if TYPE_CHECKING:
    from generator.commands.importer import ImportReport
    from generator.model.build import SummaryInfo


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Sjekker kunnskapsgrunnlaget i literature/ og lager sidene til nettstedet.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="kommando")
    for name, help_text in (
        ("check", "sjekk kunnskapsgrunnlaget uten å skrive noe"),
        ("build", "sjekk og skriv de genererte sidene til docs/"),
    ):
        command = commands.add_parser(name, help=help_text, description=help_text)
        command.add_argument("--root", type=Path, default=Path("."), help="prosjektmappen (standard: denne mappen)")
        command.add_argument("--strict", action="store_true", help="la advarsler også gi feilstatus")
    new = commands.add_parser(
        "new",
        help="lag en kodefil for en BibTeX-oppføring",
        description="lag literature/sources/<nøkkel>.yaml å fylle ut",
    )
    new.add_argument("key", metavar="nøkkel", help="BibTeX-nøkkelen, for eksempel ansell2008collaborative")
    new.add_argument("--root", type=Path, default=Path("."), help="prosjektmappen (standard: denne mappen)")
    importing = commands.add_parser(
        "import",
        help="legg til nye kilder fra en eksport (BibTeX, BibLaTeX, RIS eller CSL-JSON) eller fra en DOI",
        description="legg de nye verkene i en eksport (eller verket med en DOI, fra Crossref) til i literature/, "
        "med nøkler i prosjektets mønster og en kodefil for hver; dubletter (samme DOI eller ISBN, eller samme "
        "tittel, år og førsteforfatter) hoppes over. Med --berik sammenlignes oppføringene som har DOI, med Crossref",
    )
    importing.add_argument("file", metavar="FIL", type=Path, nargs="?", help="eksporten fra referanseverktøyet")
    importing.add_argument(
        "--doi", help="hent verket fra Crossref i stedet, for eksempel --doi 10.1080/14719037.2014.930505"
    )
    importing.add_argument(
        "--berik",
        action="store_true",
        help="sammenlign oppføringene som har DOI, med Crossref, og foreslå årgang, nummer, sider og tittelens store "
        "og små bokstaver",
    )
    importing.add_argument("--skriv", action="store_true", help="med --berik: skriv forslagene inn i .bib-filene")
    importing.add_argument("--root", type=Path, default=Path("."), help="prosjektmappen (standard: denne mappen)")
    importing.add_argument("--til", default=DEFAULT_BIB, help=f"bib-filen de legges i (standard: {DEFAULT_BIB})")
    pdf = commands.add_parser(
        "pdf",
        help="skriv ut hele oppsummeringen som PDF (krever et bygget nettsted og Chromium)",
        description="lag site/nedlastinger/kunnskapsoppsummering.pdf fra utskriftssiden",
    )
    pdf.add_argument("--site", type=Path, default=Path("site"), help="det bygde nettstedet (standard: site)")
    edition = commands.add_parser(
        "utgave",
        help="lagre en utgave av kunnskapsoppsummeringen (make utgave V=1.1)",
        description="skriv literature/utgaver/<VERSJON>.json med det leserne ser nå, og sett versjon i summary.yaml",
    )
    edition.add_argument(
        "version", metavar="VERSJON", help="det nye versjonsnummeret, høyere enn det forrige, for eksempel 1.1"
    )
    edition.add_argument("--dato", help="utgavens dato, ÅÅÅÅ-MM-DD (standard: i dag)")
    edition.add_argument("--root", type=Path, default=Path("."), help="prosjektmappen (standard: denne mappen)")
    changes = commands.add_parser(
        "endringer",
        help="vis hva som endres for leserne, sammenlignet med en annen utsjekk (for pull requests)",
        description="sammenlign kunnskapsgrunnlaget her med det i MAPPE og skriv forskjellen for leserne som Markdown",
    )
    changes.add_argument("--mot", type=Path, required=True, metavar="MAPPE", help="utsjekken å sammenligne med")
    changes.add_argument("--root", type=Path, default=Path("."), help="prosjektmappen (standard: denne mappen)")
    site_check = commands.add_parser(
        "check-site",
        help="sjekk det bygde nettstedet mot en tillatt-liste (skript, hendelser, adresser)",
        description="sjekk hver side i site/ og søkeindeksen: ingen skript, hendelser eller adresser utenom de tillatte",
    )
    site_check.add_argument("--site", type=Path, default=Path("site"), help="det bygde nettstedet (standard: site)")
    site_check.add_argument("--root", type=Path, default=Path("."), help="prosjektmappen, med overrides/ (standard: .)")
    return parser


def _check_site(site: Path, root: Path) -> int:
    import material  # noqa: PLC0415 - only this command needs them

    from generator.mkdocs.site_check import check_built_site  # noqa: PLC0415

    if not site.is_dir():
        _say(f"Fant ikke {site}; bygg nettstedet først (make site).")
        return 1
    templates = [Path(material.__file__).parent / "templates", root / "overrides"]
    base_path = urlsplit(os.environ.get("SITE_URL") or "/").path or "/"  # as mkdocs.yml's site_url
    violations = check_built_site(site, root, [folder for folder in templates if folder.is_dir()], base_path)
    for violation in violations:
        _say(f"{site.as_posix()}/{violation}")
    if violations:
        _say(
            f"Stoppet: {_count(len(violations), 'side', 'sider')} har noe som ikke er tillatt (se over). "
            "Dette er en feil i generatoren eller temaet: meld fra til utviklerne."
        )
        return 1
    _say(f"Sjekket {site.as_posix()}: ingen skript, hendelser eller adresser utenom de tillatte.")
    return 0


def _write_citation(root: Path, info: SummaryInfo, diagnostics: Diagnostics) -> list[str]:
    """CITATION.cff and .zenodo.json at the root, after a build: the command, not the pipeline, writes
    outside docs/, so `mkdocs serve` and tests that build a tree leave the root alone."""
    from generator.write.citation_files import write_citation_files  # noqa: PLC0415 - imports pybtex: only a finished build needs it

    try:
        return write_citation_files(root, info)
    except WriteError as error:
        diagnostics.add(error.path, 1, 1, error.code, f"{error.reason}; filen er som før")
        return []


def _report(diagnostics: Iterable[Diagnostic]) -> None:
    """Every problem on stderr. Under GitHub Actions also as annotations, errors first (GitHub shows
    only ten of each kind per step), and as a job summary in Norwegian grouped by file."""
    for diagnostic in diagnostics:
        _say(str(diagnostic))
    if os.environ.get("GITHUB_ACTIONS") != "true":
        return
    for severity in (Severity.ERROR, Severity.WARNING):
        for diagnostic in [item for item in diagnostics if item.severity is severity][:ANNOTATIONS_SHOWN]:
            print(diagnostic.github_annotation())
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as file:
            file.write(step_summary(diagnostics))


def _print_pdf(site: Path) -> int:
    from generator.mkdocs.pdf import CHROMIUM, PRINT_PAGE, print_and_link  # noqa: PLC0415 - only this command needs it

    if not (site / PRINT_PAGE).is_file():
        _say(f"Fant ikke {site / PRINT_PAGE}; bygg nettstedet først (make site).")
        return 1
    if not CHROMIUM.exists():
        _say(f"Fant ikke Chromium ({CHROMIUM}); installer den med: apt-get install chromium")
        return 1
    output, pages, unlinked = print_and_link(site)
    _say(f"Skrev {output} ({pages} sider).")
    for page in unlinked:
        _say(
            f"{site / page} har ingen plass til lenken til PDF-en (generator/render/templates/_pdf.md.j2); den er ikke lenket derfra."
        )
    return 0


def _print_import(report: ImportReport, source: str) -> None:
    _say(f"La til {_count(len(report.added), 'kilde', 'kilder')} fra {source}{':' if report.added else '.'}")
    for new, old in report.added:
        _say(f"  {new}  (var {old})")
    if report.skipped:
        _say(f"Hoppet over {len(report.skipped)}:")
        for old, why in report.skipped:
            _say(f"  {old}: {why}")
    if report.dropped_fields:
        _say(f"Tok ikke med felt som aldri publiseres: {', '.join(sorted(report.dropped_fields))}.")
    if report.written:
        _say(f"Skrev {', '.join(report.written)}.")


def _import(arguments: argparse.Namespace, root: Path) -> int:
    """`import FILE`, `import --doi DOI` or `import --berik [--skriv]`: exactly one of them."""
    chosen = [arguments.file is not None, arguments.doi is not None, arguments.berik]
    if chosen.count(True) != 1 or (arguments.skriv and not arguments.berik):
        _say(
            "Skriv én av: make import FILE=eksport.bib, make import DOI=10.1234/abc eller make berik "
            "(--skriv bare sammen med --berik)."
        )
        return 2
    if arguments.berik:
        return _enrich(root, write=arguments.skriv)
    from generator.commands.importer import import_bibtex, import_doi, previews  # noqa: PLC0415 - only this command needs it

    if arguments.doi is not None:
        imported = import_doi(root, arguments.doi, arguments.til)
    else:
        imported = import_bibtex(root, arguments.file, arguments.til)
    for note in imported.notes:
        _say(note)
    if imported.failure:
        _say(f"{imported.failure} Ingenting er skrevet.")
        return 1
    _report(imported.diagnostics)
    if imported.diagnostics.has_errors:
        _say("Stoppet (se over). Ingenting er skrevet.")
        return 1
    _print_import(imported, f"Crossref ({arguments.doi.strip()})" if arguments.doi else arguments.file.name)
    if not imported.added:
        return 0
    diagnostics, _ = check(root)
    shown = previews(root, [key for key, _ in imported.added], diagnostics)
    # Each new entry as the reference list will show it, with its problems under it, before it is committed.
    _say("Slik blir de nye referansene på nettstedet:")
    for preview in shown.new:
        _say(f"  {preview.reference}")
        for problem in preview.problems:
            _say(f"    {problem}")
    for key, before, after in shown.relabelled:
        _say(
            f"Henvisningene til {key} endres fra {before} til {after}: en ny kilde har samme forfattere og år "
            "(APA 8.19). Sjekk at temaene som viser til den, fortsatt stemmer."
        )
    # Only what the new entries ask of the researcher: their source files to fill in. Problems that were
    # there before the import are counted, not repeated with every import.
    new_files = {f"{SOURCES}/{key}.yaml" for key, _ in imported.added}
    listed = [problem for problem in shown.rest if problem.path in new_files]
    _report(listed)
    earlier = [
        problem for problem in shown.rest if problem.path not in new_files and problem.severity is Severity.ERROR
    ]
    # The closing count is what was listed: the new entries' own problems and their source files'.
    listed += [problem for preview in shown.new for problem in preview.problems]
    errors = sum(problem.severity is Severity.ERROR for problem in listed)
    warnings = sum(problem.severity is Severity.WARNING for problem in listed)
    counted = " og ".join(
        [_count(errors, "feil", "feil")] * bool(errors) + [_count(warnings, "advarsel", "advarsler")] * bool(warnings)
    )
    if errors:
        _say(
            f"Importert. Før de nye kildene kan publiseres, fyll inn kodefilene i {SOURCES}/ og rett "
            f"det som er vist over ({counted}), og kjør make check igjen."
        )
    else:
        _say(f"Importert ({counted} over)." if warnings else "Importert.")
    if earlier:
        _say(f"Kunnskapsgrunnlaget hadde {_count(len(earlier), 'feil', 'feil')} fra før; make check viser dem.")
    return 0


def _enrich(root: Path, *, write: bool) -> int:
    from generator.commands.enrich import enrich  # noqa: PLC0415 - only this command needs it

    report = enrich(root, write=write)
    for note in report.notes:
        _say(note)
    _report(report.diagnostics)
    _say(f"Sammenlignet {_count(report.checked, 'oppføring', 'oppføringer')} som har DOI, med Crossref.")
    for proposal in report.proposals:
        _say(f"  {proposal}")
    if report.failure:
        _say(f"{report.failure} Ingenting er skrevet.")
        return 1
    if not report.proposals:
        _say("Ingen forslag: oppføringene har alt det Crossref kan legge til.")
    elif report.written:
        _say(
            f"Skrev {_count(len(report.applied), 'felt', 'felt')} i {', '.join(report.written)}. Se over endringene med git diff."
        )
    elif write:
        _say("Ingenting er skrevet (se over).")
        return 1
    else:
        _say(
            "Ingenting er skrevet. Skriv forslagene inn med make berik SKRIV=1 (python -m generator import --berik --skriv)."
        )
    return 0


def _edition(root: Path, version: str, date: str) -> int:
    from generator.commands.edition import EditionRefused, record_edition  # noqa: PLC0415 - only this command needs it

    diagnostics, model = check(root)
    _report(diagnostics)
    if model is None:
        _say("Stoppet: rett feilene over før du lagrer en utgave. Ingenting er skrevet.")
        return 1
    try:
        _say(record_edition(root, model, model.editions, version, date))
    except EditionRefused as refused:
        refusal = Diagnostics()
        refusal.add(f"{EDITIONS}/{version}.json", 1, 1, "edition-refused", str(refused))
        _report(refusal)
        _say("Ingenting er skrevet.")
        return 1
    except WriteError as error:
        _say(f"{error.path}: {error.reason}. Ingenting mer er skrevet.")
        return 1
    return 0


def _changes(root: Path, other: Path) -> int:
    """The reader-facing difference from the evidence base in `other` to this one, as Markdown on stdout."""
    from generator.model.changes import changes_markdown, diff  # noqa: PLC0415 - only this command needs it
    from generator.model.editions import snapshot  # noqa: PLC0415

    snapshots = []
    for tree in (other, root):
        diagnostics, model = check(tree)
        if model is None:
            _report(diagnostics)
            _say(f"Stoppet: kunnskapsgrunnlaget i {tree} har feil (se over), så forskjellen kan ikke vises.")
            return 1
        snapshots.append(snapshot(model, "", ""))
    _print_lines(changes_markdown(diff(snapshots[0], snapshots[1])))
    return 0


def _print_lines(text: str) -> None:
    """Text for stdout (the pull-request summary), line by line through `printable`, as all output is."""
    for line in text.splitlines():
        print(printable(line))


def _progress(started: float) -> Callable[[str], None]:
    """Stage lines for long runs only: a build that takes over a second says what it is doing."""

    def report(stage: str) -> None:
        elapsed = time.perf_counter() - started
        if elapsed > 1.0:
            _say(f"  … {stage} ({elapsed:.1f} s)")

    return report


def _say(text: str) -> None:
    """Every line for a person goes to stderr through `printable`: a value cannot start a line of its
    own, a workflow command or a terminal escape. (Only `_report` prints GitHub annotations, to stdout.)"""
    print(printable(text), file=sys.stderr, flush=True)


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number == 1 else plural}"


def main(argv: list[str] | None = None) -> int:
    """Run a command; a bug in the generator is reported in one line, never as a traceback."""
    try:
        return _run(argv)
    except ModuleNotFoundError as missing:
        if missing.name is None or missing.name.split(".")[0] == "generator":
            raise
        _say(  # a Python without the project's packages, such as the system's own
            f"Fant ikke Python-pakken '{missing.name}'. Kjør make site først: den lager .venv og installerer "
            "det som trengs. Bruk så make check, make new KEY=… og make import FILE=…."
        )
        return 2
    except Exception as error:  # the last line of defence for researchers
        if os.environ.get("SAMVERDI_DEBUG"):
            raise
        _say(
            f"Intern feil i generatoren ({type(error).__name__}: {error}). Dette er en feil i programmet, "
            "ikke i filene dine: meld fra til utviklerne, gjerne med SAMVERDI_DEBUG=1 og hele utskriften."
        )
        return 3


def _run(argv: list[str] | None) -> int:
    arguments = _parser().parse_args(argv)
    if arguments.command == "pdf":
        return _print_pdf(arguments.site)
    if arguments.command == "check-site":
        return _check_site(arguments.site, arguments.root)
    root: Path = arguments.root
    if arguments.command == "import":
        return _import(arguments, root)
    if arguments.command == "utgave":
        return _edition(root, arguments.version, arguments.dato or datetime.date.today().isoformat())
    if arguments.command == "endringer":
        return _changes(root, arguments.mot)
    if arguments.command == "new":
        from generator.commands.new_source import new_source  # noqa: PLC0415 - only this command needs it

        written, message = new_source(root, arguments.key, datetime.date.today())
        _say(message)
        return 0 if written else 1
    started = time.perf_counter()
    report: WriteReport | None = None
    from_cache = False
    rewritten: list[str] = []  # the citation files a build wrote
    if arguments.command == "check":
        diagnostics, model = check(root)
        counts = (len(model.sources), len(model.themes)) if model else None
        if model is not None:
            from generator.render.citation import check_in_step  # noqa: PLC0415 - imports the stages (pybtex)

            check_in_step(root, model.info, diagnostics)
            counts = None if diagnostics.has_errors else counts
    else:
        result = build(root, progress=_progress(started))
        diagnostics, report, from_cache = result.diagnostics, result.report, result.from_cache
        counts = (result.source_count, result.theme_count) if report is not None else None
        if result.summary is not None:
            rewritten = _write_citation(root, result.summary, diagnostics)
    _report(diagnostics)
    problems = f"{_count(diagnostics.error_count, 'feil', 'feil')} og {_count(diagnostics.warning_count, 'advarsel', 'advarsler')}"
    elapsed = time.perf_counter() - started
    if counts is None:
        _say(f"Stoppet: {problems}. Ingenting er skrevet; rett feilene over og prøv igjen.")
        return 1
    summary = f"{_count(counts[0], 'kilde', 'kilder')} og {_count(counts[1], 'tema', 'temaer')}"
    if rewritten:
        _say(f"Skrev {' og '.join(rewritten)} på nytt etter literature/summary.yaml; ta med endringen.")
    if report is None:
        _say(f"Sjekket {summary}: {problems} ({elapsed:.2f} s).")
    elif from_cache:
        _say(f"Uendret siden forrige bygging: {summary}; {problems} ({elapsed:.2f} s).")
    else:
        _say(
            f"Bygget {summary}: {len(report.written)} sider skrevet, {report.unchanged} uendret, "
            f"{len(report.removed)} fjernet; {problems} ({elapsed:.2f} s)."
        )
    return 1 if diagnostics.has_errors or (arguments.strict and diagnostics.warning_count) else 0
