"""Words as both full-text engines see them.

Listing text and query words go through the same `words()` before they reach SQLite FTS5 or
PostgreSQL: lower case, accents dropped, split on anything that is not a letter or a digit.
Because both engines then receive the same tokens (FTS5 as space-separated text, PostgreSQL
as a tsvector built here, unstemmed), the same query finds the same listings on both.
"""

import re
import unicodedata
from collections.abc import Sequence

_WORD = re.compile(r"[^\W_]+")
# PostgreSQL refuses lexemes over 2 KB; longer "words" are noise anyway.
MAX_WORD_LENGTH = 1000
# PostgreSQL keeps positions 1 to 16,383 and at most 256 positions per lexeme.
_MAX_POSITION = 16_383
_MAX_POSITIONS_PER_WORD = 256
# A gap between the fields of a document, so that a phrase never spans two fields.
_FIELD_GAP = 2


class _FoldTable(dict[int, str]):
    """str.translate table, filled on first sight of each character: the character's
    compatibility decomposition (NFKD) without its combining marks ("é" → "e", "ﬁ" → "fi").
    Decomposition works character by character, so translating each one folds the text as
    normalising it whole and dropping the marks would, without a Python step per character."""

    def __missing__(self, code: int) -> str:
        decomposed = unicodedata.normalize("NFKD", chr(code))
        folded = "".join(char for char in decomposed if not unicodedata.combining(char))
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def _fold(text: str) -> str:
    text = text.lower()
    if text.isascii():
        return text
    return text.translate(_FOLD)


def words(text: str) -> list[str]:
    """ "Résumé: Ob/Gyn (J-1)" → ["resume", "ob", "gyn", "j", "1"]."""
    return [word for word in _WORD.findall(_fold(text)) if len(word) <= MAX_WORD_LENGTH]


def fts5_text(text: str) -> str:
    """Text for FTS5, whose tokenizer (unicode61, diacritics removed, `_` kept inside words
    for the grid tokens) splits ASCII text as `words()` does once `_` is a space; other
    text is split here first."""
    if text.isascii():
        return text.replace("_", " ")
    return " ".join(words(text))


def tsvector_literal(fields: Sequence[tuple[str, str]], tokens: Sequence[str] = ()) -> str:
    """A PostgreSQL tsvector for (text, weight letter) fields, positions in field order,
    plus `tokens` without positions.

    Built here rather than with to_tsvector() so that its lexemes are exactly `words()`.
    """
    positions: dict[str, list[str]] = {}
    position = 0
    for text, weight in fields:
        for word in words(text):
            position = min(position + 1, _MAX_POSITION)
            seen = positions.setdefault(word, [])
            if len(seen) < _MAX_POSITIONS_PER_WORD:
                seen.append(f"{position}{weight}")
        position += _FIELD_GAP
    lexemes = [f"'{word}':{','.join(places)}" for word, places in positions.items()]
    lexemes.extend(f"'{token}'" for token in tokens if token not in positions)
    return " ".join(lexemes)
