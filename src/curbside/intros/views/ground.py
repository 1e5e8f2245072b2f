"""Pages for common ground with a contact, latent connections and the network map."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from curbside.core.http import AuthedRequest
from curbside.core.models import get_owned_or_404
from curbside.network import selectors as network_selectors
from curbside.network.models import Contact

from ..selectors import ground as selectors
from ..selectors import network_map as map_selectors
from ..selectors import paths as paths_selectors
from ..services import latent as services
from ..svg import map_svg


@login_required
@require_GET
def common_ground(request: AuthedRequest, pk: int) -> HttpResponse:
    """The contact page loads the card with htmx; without JavaScript it is a page of its own."""
    contact = get_owned_or_404(Contact, request.user, pk=pk)
    ground = selectors.common_ground(owner=request.user, contact=contact)
    template = "intros/common_ground.html" + ("#card" if request.htmx else "")
    return render(request, template, {"contact": contact, "ground": ground})


@login_required
@require_GET
def latent_list(request: AuthedRequest) -> HttpResponse:
    connections = selectors.latent_connections(owner=request.user)
    return render(request, "intros/latent_list.html", {"connections": connections})


@login_required
@require_POST
def latent_record(request: AuthedRequest, pk: int) -> HttpResponse:
    contact = get_owned_or_404(Contact, request.user, pk=pk, is_self=False)
    services.latent_tie_record(owner=request.user, contact=contact)
    if request.htmx:
        return render(request, "intros/latent_list.html#recorded", {"contact": contact})
    messages.success(request, f"Recorded that you know {contact.display_name}.")
    return redirect("intros:latent")


@dataclass(frozen=True, slots=True)
class ChainStep:
    """A person of the highlighted chain and why the link to the next one holds."""

    person: Contact
    reason: str


@login_required
@require_GET
def network_map(request: AuthedRequest) -> HttpResponse:
    """The user's neighbourhood as an SVG; `?to_contact=ID` highlights the best chain to
    that person (`?chain=ID,ID,…` highlights a given chain of the user's own people)."""
    owner = request.user
    organizations = list(network_selectors.organization_choices(owner=owner))
    facets = network_selectors.contact_facets(owner=owner)
    organization = next(
        (o for o in organizations if str(o.pk) == request.GET.get("organization")), None
    )
    tag = request.GET.get("tag", "").strip()
    specialty = request.GET.get("specialty", "").strip()
    target, steps = _chain_to(request)
    chain_ids = tuple(step.person.pk for step in steps)
    drawing = map_selectors.network_map(
        owner=owner, organization=organization, tag=tag, specialty=specialty, chain=chain_ids
    )
    svg = map_svg(
        drawing.nodes,
        drawing.edges,
        title="Your network",
        description=f"You and {len(drawing.contacts) - 1} contacts, with ties and organizations.",
        seed=owner.pk,
    )
    context = {
        "map": drawing,
        "svg": mark_safe(svg),  # noqa: S308 -- intros.svg escapes every label and title
        "organizations": organizations,
        "tags": facets["tags"],
        "specialties": facets["specialties"],
        "organization": organization,
        "tag": tag,
        "specialty": specialty,
        "target": target,
        "steps": steps,
    }
    return render(request, "intros/network_map.html", context)


def _chain_to(request: AuthedRequest) -> tuple[Contact | None, list[ChainStep]]:
    """The person asked for in `to_contact` (another user's is a 404) and the best chain to
    them, or the chain given in `chain` once checked (ignored when it is not one)."""
    raw = request.GET.get("to_contact", "")
    chain: paths_selectors.Chain | None = None
    target = None
    if raw.isdigit():
        target = get_owned_or_404(Contact, request.user, pk=int(raw))
        chains = paths_selectors.intro_paths(owner=request.user, to_contact=target, k=1)
        chain = chains[0] if chains else None
    elif ids := _id_list(request.GET.get("chain", "")):
        chain = paths_selectors.chain_get(owner=request.user, contact_ids=ids)
        target = chain.people[-1] if chain else None
    if chain is None:
        return target, []
    reasons = [link.evidence for link in chain.links] + [""]
    return target, [ChainStep(p, r) for p, r in zip(chain.people, reasons, strict=True)]


def _id_list(raw: str) -> tuple[int, ...]:
    parts = [part.strip() for part in raw.split(",") if part.strip()]
    return tuple(int(part) for part in parts) if all(p.isdigit() for p in parts) else ()
