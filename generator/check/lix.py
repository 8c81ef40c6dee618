"""Check stage helper: LIX, the readability index of a Norwegian or Swedish text.

Björnsson, C.-H. (1968). *Läsbarhet*. Liber. LIX = words per sentence + 100 × the share of long
words, a long word having more than six letters. Under 30 is very easy, 40 the level of plain
fiction and news, 50 of official documents, 60 of specialist prose. The site asks key findings and
key messages to stay at 40 or below (DESIGN.md, «Publication rules»).
"""

from __future__ import annotations

import re

# A word: letters and digits, with inner hyphens or apostrophes kept ("CO₂-utslipp" is one word).
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
# A sentence ends at . ! ? or : followed by a space or the end (Björnsson counts the colon too);
# "f.eks." and "s. 12" inside a sentence are rare enough in one claim to count as he would.
# Only from the start of a run, and possessive: a run of 10,000 dots is one pass, not 10,000².
_SENTENCE_END = re.compile(r"(?<![.!?:])[.!?:]++(?=\s|$)")
# Citations and link targets are not read as words. Each stops at the next bracket, so a text of
# unclosed `[@` or `](` is scanned once (tests/test_bounds.py).
_NOT_READ = re.compile(r"\[[^\[\]@]*+@[^\[\]]*+\]|\]\([^()\[\]]*+\)")
_NOT_LETTER = re.compile(r"[\W\d_]+")
LONG_WORD = 6  # letters; a word with more is long
LIMIT = 40  # key findings and key messages above this get a warning


def lix(text: str) -> float:
    """The LIX of `text`, rounded to one decimal; 0 for a text without words."""
    read = _NOT_READ.sub("]", text)
    # Counted as they are found, never listed: a claim of 10,000 one-letter words keeps no 10,000 strings.
    words = long_words = sentences = 0
    for word in _WORD.finditer(read):
        words += 1
        long_words += word.end() - word.start() > LONG_WORD and _is_long(word.group())
    if not words:
        return 0.0
    # A stretch between sentence ends that has a word is a sentence, the last one finished or not.
    start = 0
    for end in _SENTENCE_END.finditer(read):
        sentences += _WORD.search(read, start, end.start()) is not None
        start = end.end()
    sentences += _WORD.search(read, start) is not None
    return round(words / sentences + 100 * long_words / words, 1)


def _is_long(word: str) -> bool:
    """More than `LONG_WORD` letters; digits, hyphens and apostrophes are no letters."""
    return len(_NOT_LETTER.sub("", word)) > LONG_WORD
