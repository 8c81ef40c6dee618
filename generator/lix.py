"""Validate stage helper: LIX, the readability index of a Norwegian or Swedish text.

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
_SENTENCE_END = re.compile(r"[.!?:]+(?=\s|$)")
# Citations and link targets are not read as words.
_NOT_READ = re.compile(r"\[[^\]]*@[^\]]*\]|\]\([^)]*\)")
LONG_WORD = 6  # letters; a word with more is long
LIMIT = 40  # key findings and key messages above this get a warning


def lix(text: str) -> float:
    """The LIX of `text`, rounded to one decimal; 0 for a text without words."""
    read = _NOT_READ.sub("]", text)
    words = _WORD.findall(read)
    if not words:
        return 0.0
    # A piece between sentence ends that has a word is a sentence, the last one finished or not.
    sentences = sum(1 for piece in _SENTENCE_END.split(read) if _WORD.search(piece))
    long_words = sum(1 for word in words if sum(char.isalpha() for char in word) > LONG_WORD)
    return round(len(words) / sentences + 100 * long_words / len(words), 1)
