"""Turning a job listing into a tracked opportunity, in one click.

The listing is public; the opportunity, and the organization it is matched to or creates,
belong to the physician who clicked. Employers are matched to the physician's organizations
conservatively: the same name once case, accents, punctuation and legal suffixes ("Inc.",
"LLC") are set aside; or one name followed by a generic institution word ("Denver Health"
and "Denver Health Medical Center"); or a near-identical spelling (a typo). Anything looser
would attach an opportunity to the wrong group, which is worse than a second organization.
"""

import re
import unicodedata
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from rapidfuzz import fuzz

from curbside.network.models import Organization
from curbside.network.services import organization_create
from curbside.opportunities.models import Listing, Opportunity
from curbside.opportunities.selectors.tracking import listing_tracked_by
from curbside.opportunities.services.pipeline import opportunity_create

if TYPE_CHECKING:
    from curbside.accounts.models import User

# Words that do not tell one employer from another: dropped before names are compared.
_LEGAL = frozenset(
    {"inc", "llc", "pllc", "llp", "pc", "pa", "ltd", "corp", "corporation", "co", "company", "the"}
)
# Words an institution's name may or may not carry: "Denver Health (Medical Center)".
_GENERIC = frozenset(
    {
        "medical",
        "center",
        "centre",
        "hospital",
        "hospitals",
        "health",
        "healthcare",
        "system",
        "systems",
        "clinic",
        "clinics",
        "group",
        "physicians",
        "associates",
        "and",
    }
)
_KINDS = {
    "private_practice": Organization.Kind.PRIVATE_PRACTICE,
    "academic": Organization.Kind.ACADEMIC_MEDICAL_CENTER,
    "public_health": Organization.Kind.PUBLIC_HEALTH_FACILITY,
    "hospital_employed": Organization.Kind.HOSPITAL,
    "group": Organization.Kind.GROUP_PRACTICE,
}
_URL = URLValidator()
_NOT_WORD = re.compile(r"[\W_]+")
_JOINING = re.compile(r"[.'’]")
# rapidfuzz ratio at or above which two names of at least _TYPO_LENGTH letters are one.
TYPO_SCORE = 95
_TYPO_LENGTH = 10


def organization_key(name: str) -> tuple[str, ...]:
    """The words of an employer's name: no case, accents, punctuation or legal suffix."""
    if not name.isascii():
        decomposed = unicodedata.normalize("NFKD", name)
        name = "".join(char for char in decomposed if not unicodedata.combining(char))
    # "P.C." is "pc" and "St. Joseph's" is "st josephs": dots and apostrophes join.
    cleaned = _JOINING.sub("", name.casefold().replace("&", " and "))
    cleaned = _NOT_WORD.sub(" ", cleaned)
    return tuple(word for word in cleaned.split() if word not in _LEGAL)


def names_match(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    """Whether two organization keys name the same employer (see the module's rules)."""
    if not first or not second:
        return False
    if first == second:
        return True
    shorter, longer = sorted((first, second), key=len)
    # A name and the same name with institution words after it; the shorter must say more
    # than one word, or "Mercy" would be every "Mercy Hospital".
    if (
        len(shorter) >= 2
        and longer[: len(shorter)] == shorter
        and all(word in _GENERIC for word in longer[len(shorter) :])
    ):
        return True
    a, b = " ".join(first), " ".join(second)
    return min(len(a), len(b)) >= _TYPO_LENGTH and fuzz.ratio(a, b) >= TYPO_SCORE


def _organization_for(owner: "User", listing: Listing) -> Organization | None:
    """The owner's organization for the listing's employer, created when none matches."""
    employer = listing.employer
    key = organization_key(employer)
    if not key:
        return None
    candidates = list(Organization.objects.filter(owner=owner).order_by("pk").only("pk", "name"))
    keys = [(organization, organization_key(organization.name)) for organization in candidates]
    exact = next((org for org, other in keys if other == key), None)
    if exact is not None:
        return exact
    near = next((org for org, other in keys if names_match(key, other)), None)
    if near is not None:
        return near
    return organization_create(
        owner=owner,
        name=" ".join(employer.split()),
        kind=_KINDS.get(listing.practice_setting, Organization.Kind.OTHER),
        city=listing.city,
        state=listing.state,
    )


def _web_address(url: str) -> str:
    """The listing's address if an opportunity may keep it (imports check URLs loosely)."""
    try:
        _URL(url)
    except ValidationError:
        return ""
    return url


@transaction.atomic
def listing_track(*, owner: "User", listing: Listing) -> Opportunity:
    """Track a listing as the owner's opportunity; tracking it again returns the same one."""
    existing = listing_tracked_by(owner=owner, listing=listing)
    if existing is not None:
        return existing
    low: Decimal | None = listing.salary_min  # type: ignore[assignment] # stubs: object
    high: Decimal | None = listing.salary_max  # type: ignore[assignment] # stubs: object
    if low is not None and high is not None and low > high:
        low, high = high, low  # boards sometimes swap them; an opportunity may not
    return opportunity_create(
        owner=owner,
        title=listing.title,
        organization=_organization_for(owner, listing),
        source=Opportunity.Source.ADVERTISED,
        source_name=listing.source,
        listing=listing,
        specialty=listing.specialty,
        practice_setting=listing.practice_setting,
        position_type=listing.position_type,
        city=listing.city,
        state=listing.state,
        zip_code=listing.zip_code,
        salary_min=low,
        salary_max=high,
        salary_unit=listing.salary_unit or "year",
        visa_sponsorship=listing.visa_sponsorship,
        url=_web_address(listing.url),
        deadline_on=listing.expires_on,
    )
