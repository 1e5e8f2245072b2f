"""The "ask for an introduction" message to the first person of a chain.

Pure: the caller gathers the facts (names, the last interaction that went well, common
ground phrases, the target's role) and gets back a subject and a body to edit. The message
asks for advice and an introduction, never for a job: people give advice freely, and an
introduction follows from a good conversation. It reminds the reader of the last time it
went well between the two, says what they share, names the target and why the target
matters (their role there), and leaves an easy way to say no.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

__all__ = ["Draft", "IntroRequest", "PastInteraction", "intro_request_draft", "long_date"]

COMMON_GROUND_SHOWN = 2  # phrases in a short message; more reads like a dossier


@dataclass(frozen=True, slots=True)
class PastInteraction:
    """An interaction with the reader: when, what kind ("call"), and what it was about."""

    happened_on: date
    kind: str
    summary: str = ""


@dataclass(frozen=True, slots=True)
class IntroRequest:
    """What the message says. `next_name` is the person the reader would introduce the user
    to when that is not yet the target (a longer chain); `target_role` is why the target
    matters ("department chair at Mercy Hospital")."""

    my_name: str
    reader_name: str
    target_name: str
    target_role: str = ""
    organization_name: str = ""
    next_name: str = ""
    last_positive: PastInteraction | None = None
    common_ground: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Draft:
    subject: str
    body: str


def long_date(day: date) -> str:
    """ "March 3, 2026", the same in every locale of a message written in English."""
    return f"{day:%B} {day.day}, {day.year}"


def intro_request_draft(request: IntroRequest) -> Draft:
    """The message to the first person of a chain, asking for advice and an introduction."""
    target = request.target_name
    about = request.organization_name or target
    subject = (
        f"Your advice about {about}"
        if request.organization_name
        else f"Could I ask your advice? ({target})"
    )
    paragraphs = [f"Dear {request.reader_name},", _opening(request.last_positive)]
    if request.common_ground:
        phrases = list(request.common_ground[:COMMON_GROUND_SHOWN])
        paragraphs.append(
            f"As you know, {_and_join(phrases)}, so you were the first person I thought of."
        )
    paragraphs.append(_ask(request))
    paragraphs.append(
        "I am not asking you to vouch for me or to find me a job, only for your "
        "perspective. If an introduction is not comfortable, I completely understand, and "
        "your advice alone would help a great deal."
    )
    paragraphs.append(f"Thank you,\n{request.my_name}")
    return Draft(subject=subject, body="\n\n".join(paragraphs) + "\n")


def _opening(last: PastInteraction | None) -> str:
    if last is None:
        return "I hope you are well."
    what = f"our {last.kind.lower()} on {long_date(last.happened_on)}"
    summary = last.summary.strip().splitlines()[0].rstrip(".") if last.summary.strip() else ""
    if summary:
        if summary[1:2].islower():  # "Coffee after rounds" reads as "(coffee after rounds)"
            summary = summary[0].lower() + summary[1:]
        what += f" ({summary[:120]})"
    return f"I hope you are well. I still think of {what}; thank you again for your time."


def _ask(request: IntroRequest) -> str:
    target = request.target_name
    role = f", {request.target_role}" if request.target_role else ""
    place = (
        f"I am thinking about my next position, and {request.organization_name} is high on "
        "my list. "
        if request.organization_name
        else "I am thinking about my next position. "
    )
    if request.next_name:
        return (
            f"{place}I understand you know {request.next_name}, who knows {target}{role}. "
            f"Would you be willing to introduce me to {request.next_name}? I would like to "
            f"ask for their advice, and perhaps for a word with {target}."
        )
    return (
        f"{place}I understand you know {target}{role}. I would be grateful for your "
        "advice about the group, and, if you are comfortable with it, for a short email "
        "introducing us."
    )


def _and_join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
