"""What a person types in the search box → a full-text query both engines run safely.

Grammar, deliberately small: words are all required; "a quoted phrase" needs its words
in order, next to each other, in one field; a word or phrase ending in `*` matches as a
prefix (`cardio*`). Everything else — stray punctuation, unbalanced quotes, FTS5 or tsquery
operators (`NEAR`, `OR`, `^`, `:`, `!`, parentheses) — is read as text: a typed word is
split by `text.words()` exactly as listing text is, and a word that splits in several
(`ob/gyn`, `j-1`) becomes a phrase of them. The rendered queries quote every token, so no
input can produce a syntax error in either engine. At most MAX_TERMS terms are kept.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .text import words

MAX_TERMS = 12
MAX_PHRASE_WORDS = 8
MIN_PREFIX_LENGTH = 2  # `a*` would match nearly every listing: read as the word `a`

# A quoted phrase (closed or running to the end), or a run of anything but spaces and quotes.
_PIECE = re.compile(r'"([^"]*)"?(\*?)|([^\s"]+)')


@dataclass(frozen=True, slots=True)
class Term:
    """One word, or a phrase of words in order; `prefix` lets the last word be a prefix."""

    words: tuple[str, ...]
    prefix: bool = False

    def fts5(self) -> str:
        return f'"{" ".join(self.words)}"' + ("*" if self.prefix else "")

    def tsquery(self) -> str:
        lexemes = [f"'{word}'" for word in self.words]
        if self.prefix:
            lexemes[-1] += ":*"
        text = " <-> ".join(lexemes)
        return f"({text})" if len(lexemes) > 1 else text


@dataclass(frozen=True, slots=True)
class TextQuery:
    terms: tuple[Term, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.terms)

    def fts5(self, any_of: Sequence[str] = (), *, column: str = "") -> str:
        """An FTS5 MATCH expression: every term, quoted, implicitly ANDed, in `column` only
        if given; with `any_of` tokens (grid cells), one of them too."""
        text = " ".join(term.fts5() for term in self.terms)
        if column:
            text = f"{{{column}}} : ({text})"
        if not any_of:
            return text
        cells = " OR ".join('"' + token + '"' for token in any_of)
        return f"({text}) AND ({cells})"

    def tsquery(self, any_of: Sequence[str] = ()) -> str:
        """A PostgreSQL tsquery literal of the same terms (cast with ::tsquery, not parsed)."""
        text = " & ".join(term.tsquery() for term in self.terms)
        if not any_of:
            return text
        cells = " | ".join("'" + token + "'" for token in any_of)
        return f"({text}) & ({cells})"


def _term(text: str, prefix: bool) -> Term | None:
    found = tuple(words(text)[:MAX_PHRASE_WORDS])
    if not found:
        return None
    return Term(found, prefix and len(found[-1]) >= MIN_PREFIX_LENGTH)


def parse_words(text: str) -> TextQuery:
    """The terms of a search box's text, in order, without repeats."""
    terms: list[Term] = []
    for match in _PIECE.finditer(text):
        phrase, phrase_star, bare = match.groups()
        if bare is not None:
            term = _term(bare.rstrip("*"), prefix=bare.endswith("*"))
        else:
            term = _term(phrase.rstrip("*"), prefix=bool(phrase_star) or phrase.endswith("*"))
        if term is not None and term not in terms:
            terms.append(term)
        if len(terms) == MAX_TERMS:
            break
    return TextQuery(tuple(terms))
