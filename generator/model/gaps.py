"""Model stage helper: what a theme's synthesis says we do not know ("Hull i kunnskapen").

Takes a theme's Markdown body and returns its gaps section, if it has one, as `Gaps`: the
synthesis without it, the whole gaps text and a short summary (its first sentences) that the
theme page shows right after the key findings. Nothing here writes new text: every word comes
from the researchers' own section. Two forms are recognised, so that an editor can use either:

- a paragraph that opens with the bold lead-in `**Hull i kunnskapen:**` (the form used today);
- a heading `## Hull i kunnskapen` (any level), up to the next heading of the same or a higher level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

GAPS_TITLE = "Hull i kunnskapen"
# About two lines on a phone: a leader reads the summary at a glance and follows the link for the rest.
SUMMARY_WORDS = 45

_LEAD_IN = re.compile(rf"\*\*{GAPS_TITLE}(?::\*\*|\*\*:)[ \t]*", re.IGNORECASE)
_HEADING = re.compile(rf"(#{{1,6}})[ \t]+{GAPS_TITLE}[ \t]*:?[ \t]*#*[ \t]*$", re.IGNORECASE)
_ANY_HEADING = re.compile(r"(#{1,6})[ \t]")
# A sentence ends at . ! or ? followed by space and a capital (or an opening quote or parenthesis before one).
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[«\"(]?[A-ZÆØÅ])")
# "A. Hansen", "s. 12", "bl.a. Oslo": a full stop after one of these does not end the sentence.
_LONGEST_ABBREVIATION = len(" f.eks.")
_NOT_AN_END = re.compile(r"(?:\b[A-ZÆØÅ]|\b(?:bl\.a|f\.eks|jf|ca|dvs|nr|s|mfl|m\.fl|mv|osv|kap|red))\.$", re.IGNORECASE)


@dataclass(frozen=True)
class Gaps:
    """A theme's gaps section, taken out of its synthesis."""

    text: str  # the whole section, Markdown, without its lead-in or heading
    summary: str  # its first sentences, at most about SUMMARY_WORDS words (always one whole sentence)

    @property
    def summary_is_all(self) -> bool:
        """True when the summary already says everything, so the full section need not be shown twice."""
        return self.summary == " ".join(self.text.split())


def split_gaps(body: str) -> tuple[str, Gaps | None]:
    """(the synthesis without its gaps section, the section), or (body, None) when it has none."""
    lines = body.splitlines(keepends=True)
    found = _find(lines)
    if found is None:
        return body, None
    start, end, text = found
    text = text.strip()
    if not text:
        return body, None
    rest = "".join(lines[:start]).rstrip() + "\n"
    after = "".join(lines[end:]).strip()
    if after:
        rest += "\n" + after + "\n"
    return rest if rest.strip() else "", Gaps(text=text, summary=summarise(text))


def _find(lines: list[str]) -> tuple[int, int, str] | None:
    """(first line, line after the last, text) of the gaps section in `lines`."""
    for index, line in enumerate(lines):
        starts_paragraph = index == 0 or not lines[index - 1].strip()
        lead_in = _LEAD_IN.match(line)
        if lead_in and starts_paragraph:
            end = index + 1
            while end < len(lines) and lines[end].strip():
                end += 1
            return index, end, line[lead_in.end() :] + "".join(lines[index + 1 : end])
        heading = _HEADING.match(line.rstrip("\n"))
        if heading:
            level = len(heading.group(1))
            end = index + 1
            while end < len(lines):
                other = _ANY_HEADING.match(lines[end])
                if other and len(other.group(1)) <= level:
                    break
                end += 1
            return index, end, "".join(lines[index + 1 : end])
    return None


def summarise(text: str) -> str:
    """The first paragraph's first sentences, on one line, up to about SUMMARY_WORDS words."""
    paragraph = " ".join(re.split(r"\n[ \t]*\n", text.strip(), maxsplit=1)[0].split())
    parts = sentences(paragraph)
    summary, words = parts[0], len(parts[0].split())
    for sentence in parts[1:]:
        words += len(sentence.split())
        if words > SUMMARY_WORDS:
            break
        summary += " " + sentence
    return summary


def sentences(paragraph: str) -> list[str]:
    """`paragraph` cut into sentences, never inside a citation or link (`[...]`) or after an abbreviation.

    Linear in the paragraph: the bracket depth is carried from one possible end to the next, and an
    abbreviation is looked for only in the few characters before the full stop."""
    found, start, depth, counted = [], 0, 0, 0
    for match in _SENTENCE_END.finditer(paragraph):
        stretch = paragraph[counted : match.start()]
        depth = max(0, depth + stretch.count("[") - stretch.count("]"))
        counted = match.start()
        if depth > 0 or _NOT_AN_END.search(paragraph, max(start, match.start() - _LONGEST_ABBREVIATION), match.start()):
            continue
        found.append(paragraph[start : match.start()])
        start = match.end()
    found.append(paragraph[start:])
    return found
