"""Model stage: validated `RawEvidence` -> `Model`, the frozen view templates are given.

Everything a page shows is computed here once: formatted references, in-text names with
`a`/`b` year suffixes, vocabulary labels, which key findings cite which source.

Over 350 lines: about half is the frozen dataclasses templates read (`Model` and what it holds),
kept together as the one contract between the model and render stages; the rest fills them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, NamedTuple

from markupsafe import Markup
from pybtex.database import Entry, Person

from generator.check import prisma
from generator.check.prisma import Screening
from generator.core import apa
from generator.core.cerqual import COMPONENTS, CONCERNS, READINGS, Component, Reading
from generator.core.kept import KeptPerKey
from generator.core.latex import latex_to_plain
from generator.core.parallel import run_beside
from generator.core.provenance import is_recognised
from generator.load.evidence import RawEvidence
from generator.model.gaps import Gaps, split_gaps
from generator.model.records import BibRecord, keywords, record_from_entry
from generator.model.related import Features, related_sources

if TYPE_CHECKING:
    from generator.model.editions import Edition

_NORWEGIAN = {"nb", "no", "nn"}


@dataclass(frozen=True)
class Term:
    """A controlled value: its id in the files and the Norwegian label readers see."""

    id: str
    label: str
    description: str = ""
    code: str = ""


@dataclass(frozen=True)
class Vocabulary:
    designs: dict[str, Term]
    countries: dict[str, Term]
    levels: dict[str, Term]
    sectors: dict[str, Term]
    confidence: dict[str, Term]
    statuses: dict[str, Term]
    languages: dict[str, Term]


@dataclass(frozen=True)
class Reference:
    """How a source is cited: the reference-list entry and the parts of in-text citations."""

    html: Markup  # made safe by apa.format_reference: every field value is escaped
    parenthetical_names: str
    narrative_names: str
    year_label: str


@dataclass(frozen=True)
class FindingCitation:
    """A key finding that cites a source, for the source page."""

    theme_id: str
    theme_title: str
    number: int
    claim: str


@dataclass(frozen=True)
class RelatedSource:
    """A nearby source and why: shared themes, design, context or keywords."""

    key: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Source:
    key: str
    entry_type: str
    title: str
    title_lang: str | None  # set when the title is not in the page's language
    language: Term | None
    year: str
    reference: Reference
    doi_url: str | None
    url: str | None
    themes: tuple[str, ...]
    design: Term
    countries: tuple[Term, ...]
    levels: tuple[Term, ...]
    sectors: tuple[Term, ...]
    summary: str
    findings: tuple[str, ...]
    implications: tuple[str, ...]
    status: Term
    added: str | None
    fact_urls: tuple[str, ...]  # provenance readers may follow (generator/core/provenance.py)
    unshown_fact_urls: int  # how many provenance addresses are kept back (document-sharing sites, copies …)
    thin_facts: bool  # the page says, neutrally, that little is known about the source
    read: Reading  # how much of it was read (`lest`)
    cited_in: tuple[FindingCitation, ...]
    keywords: tuple[str, ...]
    record: BibRecord
    bibtex: str
    related: tuple[RelatedSource, ...] = ()


@dataclass(frozen=True)
class _Coding:
    """How a source is coded: all that related sources are found from, before references are formatted."""

    themes: tuple[str, ...]
    design: Term
    countries: tuple[Term, ...]
    levels: tuple[Term, ...]
    sectors: tuple[Term, ...]
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class KeyFinding:
    number: int
    claim: str
    confidence: Term
    rationale: str
    sources: tuple[str, ...]
    assessment: tuple[Component, ...] = ()  # GRADE-CERQual, in COMPONENTS order; empty when not recorded

    @property
    def anchor(self) -> str:
        return f"hovedfunn-{self.number}"


@dataclass(frozen=True)
class Implication:
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Theme:
    id: str
    title: str
    order: int
    description: str
    search_words: tuple[str, ...]  # `søkeord`: the page's search tags, weighed above any title
    status: Term
    key_findings: tuple[KeyFinding, ...]
    implications: tuple[Implication, ...]
    body: str
    sources: tuple[str, ...]  # keys of the sources coded with this theme, in reference order
    # The body without its gaps section, and that section: the page shows the gaps after the key findings.
    synthesis: str
    gaps: Gaps | None


@dataclass(frozen=True)
class GlossaryTerm:
    id: str
    name: str
    english: str
    definition: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class KeyMessage:
    """A key finding chosen for the home page (`hovedbudskap` in summary.yaml)."""

    theme_id: str
    theme_title: str
    finding: KeyFinding


@dataclass(frozen=True)
class Editor:
    """Someone named on the about page (`redaksjon` in summary.yaml)."""

    name: str
    role: str = ""
    institution: str = ""


@dataclass(frozen=True)
class Method:
    """How the summary was made (`metode` in summary.yaml), for /metode/; texts are Markdown prose."""

    kind: str  # art
    search_and_selection: str  # søk_og_utvalg
    reading: str  # lesing
    confidence: str  # tiltro
    differences: tuple[str, ...]  # forskjeller: where our sources differ from what GRADE-CERQual is made for
    limitations: tuple[str, ...]  # begrensninger
    not_this: tuple[str, ...]  # er_ikke
    review: str  # gjennomgang

    @property
    def texts(self) -> tuple[str, ...]:
        return (
            self.kind,
            self.search_and_selection,
            self.reading,
            self.confidence,
            *self.differences,
            *self.limitations,
            *self.not_this,
            self.review,
        )


@dataclass(frozen=True)
class SummaryInfo:
    title: str
    project: str
    version: str
    status: Term
    search_period: str | None
    inclusion_criteria: tuple[str, ...]
    screening: Screening | None  # None until the counts are given
    in_short: tuple[str, ...] = ()  # kort_fortalt: at most three plain bullets atop the home page
    method: Method | None = None
    key_messages: tuple[KeyMessage, ...] = ()
    editors: tuple[Editor, ...] = ()
    contact: str | None = None  # an e-mail or https address (the schema's pattern)
    date: str | None = None  # `dato`: the date of this version, YYYY-MM-DD (the schema's pattern)
    doi: str | None = None  # `doi`: the summary's own DOI, bare (10.…), once one is registered
    url: str | None = None  # `nettadresse`: the published site's https address

    @property
    def contact_href(self) -> str | None:
        if self.contact is None or self.contact.startswith("https://"):
            return self.contact
        return f"mailto:{self.contact}"


@dataclass(frozen=True)
class Model:
    info: SummaryInfo
    vocabulary: Vocabulary
    sources: tuple[Source, ...]  # in reference-list order (Norwegian alphabet)
    themes: tuple[Theme, ...]  # in the researchers' order
    by_key: dict[str, Source]
    themes_by_id: dict[str, Theme]
    glossary: tuple[GlossaryTerm, ...]
    abbreviations: dict[str, str]
    editions: tuple[Edition, ...] = ()  # the recorded editions, oldest first (generator/model/editions.py)


def _terms(group: dict[str, dict[str, str]]) -> dict[str, Term]:
    return {
        key: Term(key, value["navn"], value.get("forklaring", ""), value.get("kode", ""))
        for key, value in group.items()
    }


def _vocabulary(data: dict[str, Any]) -> Vocabulary:
    return Vocabulary(
        designs=_terms(data["design"]),
        countries=_terms(data["land"]),
        levels=_terms(data["nivå"]),
        sectors=_terms(data["sektor"]),
        confidence=_terms(data["tiltro"]),
        statuses=_terms(data["status"]),
        languages=_terms(data["språk"]),
    )


def _strings(value: object) -> tuple[str, ...]:
    return tuple(str(item) for item in value) if isinstance(value, list) else ()


def build_model(raw: RawEvidence, *, keep: bool = False) -> Model:
    """Assemble the model from evidence that validated without errors.

    `keep`: keep the sources for the next such build in this process, and take from the last one
    what was built from the same inputs (`_Kept`)."""
    assert raw.vocabulary is not None and raw.summary is not None, "validate() reports missing files"
    vocabulary = _vocabulary(raw.vocabulary.data)  # type: ignore[arg-type]
    entries: dict[str, Entry] = {item.key: item.entry for item in raw.bib_entries}
    coded = {source.key: source.document.data for source in raw.sources if source.key in entries}
    coded_entries = {key: entries[key] for key in coded}
    sort_keys = {key: apa.sort_key(entry) for key, entry in coded_entries.items()}
    cited_as = apa.citations(coded_entries, sort_keys)
    # Titles keep the capitals of names in any author list of the whole bibliography, coded or not.
    names = apa.person_names(entries.values())
    order = sorted(coded, key=sort_keys.__getitem__)

    themes = [_theme(theme.id, theme.front_matter.data, theme.body, vocabulary) for theme in raw.themes]
    themes.sort(key=lambda theme: (theme.order, theme.title))
    cited_in: dict[str, list[FindingCitation]] = {}
    for theme in themes:
        for finding in theme.key_findings:
            for key in finding.sources:
                cited_in.setdefault(key, []).append(
                    FindingCitation(theme.id, theme.title, finding.number, finding.claim)
                )

    summary: dict[str, Any] = raw.summary.data  # type: ignore[assignment]
    # Reference managers' keywords are often private tags (Paperpile's SAMVERDI;AP1): shown only on request.
    public_keywords = summary.get("publiser_emneord") is True
    codings = {key: _coding(coded[key], coded_entries[key], vocabulary, public_keywords) for key in order}
    kept = _kept if keep else _Kept()
    # Related sources need only the codings: they are found while the references are formatted here.
    related = kept.related(codings, {theme.id: theme.title for theme in themes})
    inputs = {
        key: _SourceInputs(
            coded_entries[key],
            coded[key],
            codings[key],
            cited_as[key],
            tuple(cited_in.get(key, ())),
            public_keywords,
            names,
        )
        for key in order
    }
    made = kept.sources.made(
        inputs, vocabulary, _SourceInputs.same_as, lambda key, given: _source(key, given, vocabulary)
    )
    sources = tuple(made.values())
    related_by_key = related()
    sources = tuple(replace(source, related=related_by_key[source.key]) for source in sources)
    themes = [replace(theme, sources=tuple(s.key for s in sources if theme.id in s.themes)) for theme in themes]
    info = SummaryInfo(
        title=summary["tittel"],
        project=summary["prosjekt"],
        version=summary["versjon"],
        status=vocabulary.statuses[summary["status"]],
        search_period=summary.get("søkeperiode"),
        inclusion_criteria=_strings(summary.get("inklusjonskriterier")),
        screening=prisma.screening(summary.get("screening")),
        in_short=_strings(summary.get("kort_fortalt")),
        method=_method(summary.get("metode")),
        key_messages=_key_messages(summary.get("hovedbudskap") or [], themes),
        editors=tuple(
            Editor(editor["navn"], editor.get("rolle", ""), editor.get("institusjon", ""))
            for editor in summary.get("redaksjon") or []
        ),
        contact=summary.get("kontakt"),
        date=summary.get("dato"),
        doi=summary.get("doi"),
        url=summary.get("nettadresse"),
    )
    glossary: dict[str, Any] = raw.glossary.data if raw.glossary and isinstance(raw.glossary.data, dict) else {}
    return Model(
        info=info,
        vocabulary=vocabulary,
        sources=sources,
        themes=tuple(themes),
        by_key={source.key: source for source in sources},
        themes_by_id={theme.id: theme for theme in themes},
        glossary=_glossary(glossary.get("begreper") or {}),
        abbreviations=dict(glossary.get("forkortelser") or {}),
    )


def _method(data: dict[str, Any] | None) -> Method | None:
    if not data:
        return None
    return Method(
        kind=data["art"],
        search_and_selection=data["søk_og_utvalg"],
        reading=data["lesing"],
        confidence=data["tiltro"],
        differences=_strings(data["forskjeller"]),
        limitations=_strings(data.get("begrensninger")),
        not_this=_strings(data["er_ikke"]),
        review=data["gjennomgang"],
    )


def _key_messages(chosen: list[dict[str, Any]], themes: list[Theme]) -> tuple[KeyMessage, ...]:
    by_id = {theme.id: theme for theme in themes}
    return tuple(
        KeyMessage(item["tema"], by_id[item["tema"]].title, by_id[item["tema"]].key_findings[item["hovedfunn"] - 1])
        for item in chosen
    )


def _coding(data: Any, entry: Entry, vocabulary: Vocabulary, public_keywords: bool) -> _Coding:
    context = data.get("kontekst") or {}
    return _Coding(
        themes=_strings(data["temaer"]),
        design=vocabulary.designs[data["design"]],
        countries=tuple(vocabulary.countries[code] for code in _strings(context.get("land"))),
        levels=tuple(vocabulary.levels[code] for code in _strings(context.get("nivå"))),
        sectors=tuple(vocabulary.sectors[code] for code in _strings(context.get("sektor"))),
        keywords=keywords(entry) if public_keywords else (),
    )


def _related(codings: dict[str, _Coding], theme_titles: dict[str, str]) -> dict[str, tuple[RelatedSource, ...]]:
    labels: dict[tuple[str, str], str] = {("tema", theme_id): title for theme_id, title in theme_titles.items()}
    features = []
    for key, coding in codings.items():
        values = {("tema", theme) for theme in coding.themes} | {("design", coding.design.id)}
        values |= {("tema+design", f"{theme}+{coding.design.id}") for theme in coding.themes}
        for kind, terms in (("land", coding.countries), ("nivå", coding.levels), ("sektor", coding.sectors)):
            values |= {(kind, term.id) for term in terms}
            labels.update({(kind, term.id): term.label for term in terms})
        values |= {("nøkkelord", word.casefold()) for word in coding.keywords}
        labels.update({("nøkkelord", word.casefold()): word for word in coding.keywords})
        labels[("design", coding.design.id)] = coding.design.label
        features.append(Features(key, frozenset(values)))
    related = related_sources(features, labels)
    return {key: tuple(RelatedSource(other, reasons) for other, reasons in pairs) for key, pairs in related.items()}


def _glossary(terms: dict[str, Any]) -> tuple[GlossaryTerm, ...]:
    return tuple(
        GlossaryTerm(term_id, term["navn"], term.get("engelsk", ""), term["definisjon"], _strings(term.get("kilder")))
        for term_id, term in terms.items()
    )


def _fact_urls(data: dict[str, Any]) -> list[str]:
    """`faktagrunnlag`, then the addresses of the recorded facts (`fakta`), in that order."""
    recorded = [fact["kilde"] for fact in data.get("fakta") or [] if isinstance(fact, dict)]
    return [*_strings(data.get("faktagrunnlag")), *recorded]


def _assessment(components: dict[str, Any] | None) -> tuple[Component, ...]:
    if not components:
        return ()
    return tuple(
        Component(label, CONCERNS[components[key]["bekymring"]], components[key]["forklaring"])
        for key, label in COMPONENTS.items()
    )


def _theme(theme_id: str, data: Any, body: str, vocabulary: Vocabulary) -> Theme:
    findings = tuple(
        KeyFinding(
            number=index,
            claim=item["påstand"],
            confidence=vocabulary.confidence[item["tiltro"]],
            rationale=item["begrunnelse"],
            sources=_strings(item["kilder"]),
            assessment=_assessment(item.get("vurdering")),
        )
        for index, item in enumerate(data.get("hovedfunn") or [], start=1)
    )
    implications = tuple(Implication(item["tekst"], _strings(item["kilder"])) for item in data.get("ledere") or [])
    synthesis, gaps = split_gaps(body)
    return Theme(
        id=theme_id,
        title=data["tittel"],
        order=data["rekkefølge"],
        description=data["kort"],
        search_words=_strings(data.get("søkeord") or []),
        status=vocabulary.statuses[data["status"]],
        key_findings=findings,
        implications=implications,
        body=body,
        sources=(),
        synthesis=synthesis,
        gaps=gaps,
    )


def _without_keywords(entry: Entry) -> Entry:
    fields = {name: value for name, value in entry.fields.items() if name != "keywords"}
    return Entry(entry.original_type, fields=fields, persons=entry.persons)


def entry_bibtex(key: str, entry: Entry) -> str:
    """The entry as BibTeX, laid out as pybtex's writer does it, values kept as written (they are LaTeX
    already). Written here because pybtex's writer re-encodes and re-scans every value: 1.2 s at 10,000."""
    fields = [
        (role, " and ".join(_bibtex_name(person) for person in persons))
        for role, persons in entry.persons.items()
        if persons
    ]
    # `i trykk` is ours; reference managers read BibLaTeX's pubstate for a work in press.
    fields += [
        ("pubstate", "inpress") if (name, value) == ("year", apa.IN_PRESS) else (name, value)
        for name, value in entry.fields.items()
    ]
    body = "".join(
        f",\n    {name} = {{{value}}}" if '"' in value else f',\n    {name} = "{value}"' for name, value in fields
    )
    return f"@{entry.original_type}{{{key}{body}\n}}\n"


def _bibtex_name(person: Person) -> str:
    """`von Last, Jr, First Middle`, the parts that are there."""
    parts = (person.prelast_names, person.last_names, person.lineage_names, person.first_names + person.middle_names)
    prelast, last, lineage, given = (" ".join(names) for names in parts)
    name = " ".join(part for part in (prelast, last) if part) if last else ""
    if lineage:
        name += f", {lineage}"
    if given:
        name += f", {given}"
    return name


class _SourceInputs(NamedTuple):
    """All a source is built from, besides the vocabulary."""

    entry: Entry
    data: Any
    coding: _Coding
    citation: apa.Citation
    cited_in: tuple[FindingCitation, ...]
    public_keywords: bool
    names: apa.Names

    def same_as(self, other: _SourceInputs) -> bool:
        # The very same parses (generator/load/evidence.py keeps them); equal content is not enough, as
        # pybtex's Entry equality ignores how the entry type was spelt.
        return self.entry is other.entry and self.data is other.data and self[2:] == other[2:]


class _Kept:
    """What the last build that asked (`mkdocs serve`) built, with what it was built from.

    Formatting references and finding related sources are most of the model. The parses are kept
    between such builds too (generator/load/evidence.py), so an unchanged file gives the very same entry
    and data; and a saved summary, the usual edit, changes no coding."""

    def __init__(self) -> None:
        self.sources: KeptPerKey[_SourceInputs, Source] = KeptPerKey()  # without their related sources
        self._related: tuple[list[tuple[str, _Coding]], dict[str, str], dict[str, tuple[RelatedSource, ...]]] | None
        self._related = None

    def related(
        self, codings: dict[str, _Coding], theme_titles: dict[str, str]
    ) -> Callable[[], dict[str, tuple[RelatedSource, ...]]]:
        """Each source's related sources, found in a forked worker when that pays: the function
        returned waits for them. The order of the codings counts, as it breaks ties."""
        given = list(codings.items())
        last = self._related
        if last is not None and last[0] == given and last[1] == theme_titles:
            return lambda: last[2]
        found = run_beside(lambda: _related(codings, theme_titles), len(codings))

        def wait() -> dict[str, tuple[RelatedSource, ...]]:
            related = found()
            self._related = (given, theme_titles, related)
            return related

        return wait


_kept = _Kept()  # for the life of the process, as generator/load/evidence.py keeps the parses


def _source(key: str, inputs: _SourceInputs, vocabulary: Vocabulary) -> Source:
    entry, data, coding, citation, cited_in, public_keywords, names = inputs
    shown = entry if public_keywords or "keywords" not in entry.fields else _without_keywords(entry)
    language = vocabulary.languages.get(entry.fields.get("language", ""))
    lang_code = language.code if language and language.code else None
    title_lang = lang_code if lang_code and lang_code not in _NORWEGIAN else None
    addresses = tuple(dict.fromkeys(_fact_urls(data)))
    return Source(
        key=key,
        entry_type=entry.type.lower(),
        title=latex_to_plain(entry.fields.get("title", "")),
        title_lang=title_lang,
        language=language,
        year=apa.entry_year(entry),
        reference=Reference(
            Markup(apa.format_reference(entry, citation.year_label, title_lang, names)),
            citation.parenthetical,
            citation.narrative,
            citation.year_label,
        ),
        doi_url=apa.doi_url(entry),
        url=apa.web_url(entry),
        themes=coding.themes,
        design=coding.design,
        countries=coding.countries,
        levels=coding.levels,
        sectors=coding.sectors,
        summary=data["sammendrag"],
        findings=_strings(data.get("funn")),
        implications=_strings(data.get("implikasjoner")),
        status=vocabulary.statuses[data["status"]],
        added=data.get("lagt_til"),
        fact_urls=tuple(url for url in addresses if is_recognised(url)),
        unshown_fact_urls=sum(not is_recognised(url) for url in addresses),
        thin_facts=data.get("faktagrunnlag_tynt") is True,
        read=READINGS[data["lest"]],
        cited_in=cited_in,
        keywords=coding.keywords,
        record=record_from_entry(shown),
        bibtex=entry_bibtex(key, shown),
    )
