"""Plan two years of a resident's networking: interactions, owed thank-yous, follow-ups.

The plan is made before anything is saved, so that each contact's last interaction and
next keep-in-touch date can be written with the contact in the same insert. Three kinds
of interaction are planned, in this order:

1. a handful of scripted recent ones (a meeting yesterday, an interview last week…) that
   leave thank-yous owed today and overdue on the dashboard;
2. one recent touch for each contact with a cadence who is not meant to be fading, so
   that only the chosen few appear in the reconnect list;
3. random ones over the past two years, weighted towards stronger ties, to fill the count.
   Contacts chosen as fading only get interactions from before their cadence ran out.
"""

import itertools
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from curbside.interactions.models import FollowUp, Interaction
from curbside.interactions.services import THANKS_AFTER

from . import data
from .people import Person

IKind = Interaction.Kind
Sentiment = Interaction.Sentiment
Status = FollowUp.Status

HISTORY_DAYS = 730
KIND_WEIGHTS = {
    "peer": {
        IKind.MESSAGE: 30,
        IKind.EMAIL: 15,
        IKind.CALL: 12,
        IKind.MEETING: 15,
        IKind.CONFERENCE_ENCOUNTER: 6,
        IKind.NOTE: 10,
        IKind.INTRODUCTION_MADE: 6,
        IKind.REFERRAL_RECEIVED: 2,
        IKind.INFORMATIONAL_INTERVIEW: 4,
    },
    "senior": {
        IKind.EMAIL: 30,
        IKind.MEETING: 18,
        IKind.CALL: 10,
        IKind.MESSAGE: 6,
        IKind.CONFERENCE_ENCOUNTER: 8,
        IKind.NOTE: 10,
        IKind.INFORMATIONAL_INTERVIEW: 8,
        IKind.REFERRAL_RECEIVED: 5,
        IKind.INTRODUCTION_MADE: 5,
    },
    "employer": {
        IKind.EMAIL: 28,
        IKind.CALL: 15,
        IKind.MEETING: 8,
        IKind.CONFERENCE_ENCOUNTER: 10,
        IKind.INFORMATIONAL_INTERVIEW: 12,
        IKind.JOB_INTERVIEW: 10,
        IKind.NOTE: 12,
        IKind.MESSAGE: 5,
    },
    "recruiter": {
        IKind.CALL: 35,
        IKind.EMAIL: 35,
        IKind.MESSAGE: 15,
        IKind.JOB_INTERVIEW: 5,
        IKind.NOTE: 10,
    },
}
# How often someone comes up, by the strength of the resident's tie (0: none recorded).
STRENGTH_WEIGHT = {0: 1, 1: 1, 2: 2, 3: 3, 4: 5, 5: 8}
QUICK_TOUCH = (IKind.EMAIL, IKind.MESSAGE, IKind.CALL)
# However large the network, one person keeps only a handful of things open at once.
MAX_RANDOM_OPEN_THANKS = 3
MAX_OPEN_FOLLOW_UPS = 12


@dataclass(slots=True)
class PlannedFollowUp:
    person: int
    kind: str
    due_on: date
    status: str
    note: str
    completed_on: date | None = None


@dataclass(slots=True)
class PlannedInteraction:
    happened_on: date
    kind: str
    people: list[int]
    summary: str
    sentiment: str
    follow_ups: list[PlannedFollowUp] = field(default_factory=list)


@dataclass(slots=True)
class Activity:
    interactions: list[PlannedInteraction]
    follow_ups: list[PlannedFollowUp]  # those not caused by an interaction
    fading: list[int]


class ActivityPlanner:
    def __init__(self, rng: random.Random, today: date, people: Sequence[Person]) -> None:
        self.rng = rng
        self.today = today
        self.people = list(people)
        # Cumulative once: drawing from 5,000 people must not re-add 5,000 weights each time.
        self.cum_weights = list(
            itertools.accumulate(STRENGTH_WEIGHT[p.strength or 0] for p in self.people)
        )
        self.by_archetype: dict[str, list[int]] = {}
        for person in self.people:
            self.by_archetype.setdefault(person.archetype, []).append(person.index)
        # The last day a fading contact may have been seen: their cadence ran out since.
        self.latest: dict[int, date] = {}
        self.n_open_thanks = 0

    def _first(self, archetype: str, special: str = "", *, decider: bool = False) -> Person | None:
        """The first person of an archetype (and role), preferring the target regions."""
        matches = [
            self.people[index]
            for index in self.by_archetype.get(archetype, [])
            if (not special or self.people[index].special == special)
            and (not decider or self.people[index].is_decision_maker)
        ]
        in_target = [
            p
            for p in matches
            if p.main_organization and p.main_organization.region in data.TARGET_REGIONS
        ]
        chosen = in_target or matches
        return chosen[0] if chosen else None

    def _text(self, kind: str, sentiment: str, person: Person) -> str:
        organization = person.main_organization
        values = {
            "first": person.mention,
            "org": organization.row.name if organization else "the hospital",
            "topic": self.rng.choice(data.TOPICS),
            "conference": self.rng.choice(data.CONFERENCES),
            "position": self.rng.choice(data.POSITIONS),
        }
        templates = data.NEGATIVE_SUMMARIES if sentiment == Sentiment.NEGATIVE else None
        return self.rng.choice(templates or data.SUMMARIES[kind]).format(**values)

    def _interaction(
        self,
        kind: str,
        people: list[Person],
        happened_on: date,
        sentiment: str,
        thanks_status: str | None = None,
    ) -> PlannedInteraction:
        interaction = PlannedInteraction(
            happened_on=happened_on,
            kind=kind,
            people=[p.index for p in people],
            summary=self._text(kind, sentiment, people[0]),
            sentiment=sentiment,
        )
        if kind in THANKS_AFTER:
            due = happened_on + timedelta(days=1)
            for person in people:
                status = thanks_status or self._past_thanks_status(due)
                interaction.follow_ups.append(
                    PlannedFollowUp(
                        person=person.index,
                        kind=FollowUp.Kind.THANK_YOU,
                        due_on=due,
                        status=status,
                        note=f"Thank you for the {IKind(kind).label.lower()}",
                        completed_on=min(
                            due + timedelta(days=self.rng.choice((0, 0, 1, 2))), self.today
                        )
                        if status == Status.DONE
                        else None,
                    )
                )
        return interaction

    def _past_thanks_status(self, due: date) -> str:
        """Old thank-yous were sent (a few dismissed); a few of this week's are still owed."""
        recent = due >= self.today - timedelta(days=3)
        if recent and self.n_open_thanks < MAX_RANDOM_OPEN_THANKS and self.rng.random() < 0.5:
            self.n_open_thanks += 1
            return Status.OPEN
        return Status.DISMISSED if self.rng.random() < 0.03 else Status.DONE

    def _sentiment(self) -> str:
        roll = self.rng.random()
        if roll < 0.04:
            return Sentiment.NEGATIVE
        return Sentiment.POSITIVE if roll < 0.5 else Sentiment.NEUTRAL

    def plan(self, n_interactions: int) -> Activity:
        interactions = self._scripted()
        scripted = {i for interaction in interactions for i in interaction.people}
        fading = self._choose_fading(scripted)
        for person in self.people:
            if len(interactions) >= n_interactions:
                break
            cadence = person.contact.cadence_days
            if cadence and person.index not in self.latest:
                # A recent touch keeps this contact off the reconnect list.
                day = self.today - timedelta(days=self.rng.randint(1, max(1, cadence - 1)))
                kind = self.rng.choice(QUICK_TOUCH)
                interactions.append(
                    self._interaction(
                        kind,
                        [person],
                        day,
                        self.rng.choice((Sentiment.POSITIVE, Sentiment.NEUTRAL)),
                    )
                )
        while len(interactions) < n_interactions:
            interactions.append(self._random_interaction())
        interactions.sort(key=lambda i: i.happened_on)
        return Activity(interactions, self._follow_ups(), fading)

    def _scripted(self) -> list[PlannedInteraction]:
        today = self.today
        day = timedelta(days=1)
        script: list[PlannedInteraction] = []
        program_director = self._first("faculty", "program_director")
        if program_director:
            script.append(
                self._interaction(
                    IKind.MEETING,
                    [program_director],
                    today - day,
                    Sentiment.POSITIVE,
                    Status.OPEN,
                )
            )
        owner = self._first("target_practice", decider=True)
        if owner:
            script.append(
                self._interaction(
                    IKind.INFORMATIONAL_INTERVIEW,
                    [owner],
                    today - 3 * day,
                    Sentiment.POSITIVE,
                    Status.OPEN,
                )
            )
        panel = [p for p in (self._first("hospital_leader"), self._first("recruiter")) if p]
        if panel:
            script.append(
                self._interaction(
                    IKind.JOB_INTERVIEW, panel, today - 5 * day, Sentiment.POSITIVE, Status.OPEN
                )
            )
        mentor = self._first("faculty", "division_chief")
        if mentor:
            script.append(
                self._interaction(
                    IKind.REFERRAL_RECEIVED, [mentor], today, Sentiment.POSITIVE, Status.OPEN
                )
            )
        classmate = self._first("classmate")
        if classmate:
            script.append(
                self._interaction(
                    IKind.MEETING, [classmate], today - 2 * day, Sentiment.POSITIVE, Status.DONE
                )
            )
        return script

    def _choose_fading(self, exclude: set[int]) -> list[int]:
        """About a fifth of the contacts with a cadence have been let slide."""
        candidates = [
            p.index for p in self.people if p.contact.cadence_days and p.index not in exclude
        ]
        count = min(len(candidates), max(3, len(candidates) // 5))
        fading = sorted(self.rng.sample(candidates, count))
        for index in fading:
            cadence = self.people[index].contact.cadence_days or 0
            self.latest[index] = self.today - timedelta(days=cadence + self.rng.randint(3, 90))
        return fading

    def _random_interaction(self) -> PlannedInteraction:
        rng = self.rng
        person = rng.choices(self.people, cum_weights=self.cum_weights)[0]
        people = [person]
        if rng.random() < 0.15:
            peers = self.by_archetype[person.archetype]
            chosen = rng.sample(peers, min(len(peers), rng.randint(1, 2)))
            people.extend(self.people[index] for index in chosen if index != person.index)
        kinds = KIND_WEIGHTS[person.profile]
        kind = rng.choices(list(kinds), weights=list(kinds.values()))[0]
        earliest = self.today - timedelta(days=HISTORY_DAYS)
        latest = min(
            [self.today - timedelta(days=1)]
            + [self.latest[p.index] for p in people if p.index in self.latest]
        )
        span = max(0, (latest - earliest).days)
        # Recent months are busier than two years ago: the job search has started.
        happened_on = latest - timedelta(days=int(span * rng.random() ** 1.4))
        return self._interaction(kind, people, happened_on, self._sentiment())

    def _follow_ups(self) -> list[PlannedFollowUp]:
        """Follow-ups the resident set by hand: open ones ahead, done ones behind."""
        rng = self.rng
        if not self.people:
            return []
        count = max(6, len(self.people) // 20)
        n_open = min(count, MAX_OPEN_FOLLOW_UPS)
        planned = []
        for number in range(count * 2):
            person = rng.choice(self.people)
            organization = person.main_organization
            note = rng.choice(data.FOLLOW_UP_NOTES).format(
                first=person.mention,
                position=rng.choice(data.POSITIONS),
                org=organization.row.name if organization else "the group",
            )
            if number < 2:  # let slide: overdue on the dashboard
                due = self.today - timedelta(days=rng.randint(1, 6))
                status = Status.OPEN
            elif number < n_open:
                due = self.today + timedelta(days=rng.randint(0, 14))
                status = Status.OPEN
            else:
                due = self.today - timedelta(days=rng.randint(15, HISTORY_DAYS - 30))
                status = Status.DONE
            planned.append(
                PlannedFollowUp(
                    person=person.index,
                    kind=rng.choice((FollowUp.Kind.FOLLOW_UP,) * 4 + (FollowUp.Kind.CUSTOM,)),
                    due_on=due,
                    status=status,
                    note=note[:300],
                    completed_on=due if status == Status.DONE else None,
                )
            )
        # Not the leader interviewed last week: the search they withdrew from was another.
        leaders = self.by_archetype.get("hospital_leader", [])
        leader = self.people[leaders[-1]] if leaders else None
        if leader and leader.main_organization:
            planned.append(
                PlannedFollowUp(
                    person=leader.index,
                    kind=FollowUp.Kind.CLOSURE,
                    due_on=self.today + timedelta(days=3),
                    status=Status.OPEN,
                    note=f"Close the loop with {leader.mention}: withdrew from the "
                    f"{leader.main_organization.row.name} search",
                )
            )
        return planned
