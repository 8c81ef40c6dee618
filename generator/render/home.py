"""The summary's own pages: Om (how to cite the summary, how much of the sources was read), Metode,
Nytt (the newest sources), and the edition line every page carries.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from markupsafe import Markup

from generator.core import cerqual
from generator.core.dates import norwegian_date
from generator.model import changes
from generator.model.build import Model, Source
from generator.render import citation

NEWEST_COUNT = 20


def citation_reference(model: Model) -> Markup:
    """How to cite the summary, for Om: the year is `dato`'s, else the newest source's, as `edition` dates it."""
    dates = [source.added for source in model.sources if source.added]
    return Markup(citation.reference_html(model.info, max(dates)[:4] if dates else None))


def edition(model: Model) -> str:
    """`Versjon 0.1, sist oppdatert 29. november 2026`, for the printed page: the date is the newest
    `lagt_til`, so two builds of the same evidence base print the same (no build time anywhere)."""
    dates = [source.added for source in model.sources if source.added]
    updated = f", sist oppdatert {norwegian_date(max(dates))}" if dates else ""
    return f"Versjon {model.info.version}{updated}"


def last_changed(model: Model) -> str:
    """`utgave 1.1 (5. desember 2026)`: the newest edition with a change a reader can see; "" before the first."""
    found = changes.last_changed(model.editions)
    return f"utgave {found.version} ({norwegian_date(found.date)})" if found else ""


def read_counts(model: Model) -> tuple[tuple[str, int], ...]:
    """How many sources were read each way (`lest` in a source file), most thorough first, as
    (how, count) rows for /metode/; a way no source was read is left out."""
    counts = Counter(source.read.id for source in model.sources)
    return tuple(
        (reading.counted[:1].upper() + reading.counted[1:], counts[key])
        for key, reading in cerqual.READINGS.items()
        if counts[key]
    )


def reading_counts(sources: Sequence[Source]) -> str:
    """`Av de 58 kildene har vi lest sammendraget av 45 og … av 9. For 4 kjenner vi bare tittelen …`:
    how much of the sources was read (`lest`), counted, for the about page."""
    counts = Counter(source.read.id for source in sources)
    of = "Av den ene kilden" if len(sources) == 1 else f"Av de {len(sources)} kildene"
    read = [
        f"{reading.counted} av {counts[key]}"
        for key, reading in cerqual.READINGS.items()
        if key != "tittel" and counts[key]
    ]
    listed = ", ".join(read[:-1]) + (" og " if len(read) > 1 else "") + read[-1] if read else ""
    sentences = [f"{of} har vi lest {listed}."] if read else []
    if counts["tittel"]:
        sentences.append(f"For {counts['tittel']} kjenner vi bare tittelen og opplysningene om utgivelsen.")
    if sources and not counts["fulltekst"]:
        sentences.append("Ingen er lest i fulltekst.")
    return " ".join(sentences)


def added_counts(model: Model) -> Counter[str]:
    """How many sources were added on each date."""
    return Counter(source.added for source in model.sources if source.added)


def newest_sources(model: Model) -> list[Source]:
    """The most recently added sources, newest first (reference order within a day)."""
    dated = [source for source in model.sources if source.added]
    return sorted(dated, key=lambda source: source.added or "", reverse=True)[:NEWEST_COUNT]
