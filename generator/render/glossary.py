"""Begreper and the abbreviations: the terms the first use of which links to Begreper
(generator/mkdocs/glossary_links.py), and the abbreviations with their tooltips.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.model.build import GlossaryTerm, Model

# A name that can stand in running text as it is: letters and digits, words parted by a space or a hyphen.
_PLAIN_NAME = re.compile(r"[^\W_]+(?:[ -][^\W_]+)*")


# What a tooltip cannot hold as it is: Markdown, a citation or something that reads as markup.
_NOT_PLAIN = re.compile(r"[<>\[\]*_`{}&@\\]")


_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


def _first_sentence(term: GlossaryTerm) -> str:
    """The first sentence of the term's definition when it is plain text, which a tooltip can hold; else ""."""
    first = _SENTENCE_END.split(" ".join(term.definition.split()), maxsplit=1)[0]
    return "" if _NOT_PLAIN.search(first) else first


def glossary_links(model: Model) -> list[dict[str, object]]:
    """Each glossary term as generator/mkdocs/glossary_links.py links it: its anchor on Begreper, the words
    that name it in running text (its name without the abbreviation in brackets, and its id as words)
    and its tooltip, the first sentence of its definition when that is plain text."""
    terms: list[dict[str, object]] = []
    for term in model.glossary:
        name = re.sub(r"\s*\([^()]*\)$", "", term.name).strip()
        forms = [
            form for form in dict.fromkeys([name.lower(), term.id.replace("-", " ")]) if _PLAIN_NAME.fullmatch(form)
        ]
        first = _first_sentence(term)
        explanation = f"{name}: {first}" if first and not _NOT_PLAIN.search(name) else ""
        if forms:
            terms.append({"id": term.id, "forms": forms, "title": explanation or "Se forklaringen under Begreper"})
    return terms


@dataclass(frozen=True)
class Abbreviation:
    short: str
    expansion: str
    tooltip: str  # Norwegian: an English expansion's tooltip is its glossary term's explanation
    term_id: str = ""  # the glossary term the expansion names in English, if any


def abbreviations(model: Model) -> tuple[Abbreviation, ...]:
    """The glossary's abbreviations. An expansion that is a term's English name (New Public Management)
    is explained in Norwegian by that term's definition, and the glossary marks it as English."""
    english = {term.english.casefold(): term for term in model.glossary if term.english}
    listed = []
    for short, expansion in model.abbreviations.items():
        term = english.get(str(expansion).casefold())
        explanation = _first_sentence(term) if term else ""
        listed.append(Abbreviation(short, expansion, explanation or expansion, term.id if term else ""))
    return tuple(listed)
