"""'How do I reach…': chains to a person or an organization, and asking for an introduction.

Targets and chains travel in the query string (`contact`, `organization`, `chain=12,34,56`);
every id is resolved within the owner's rows, and a chain is checked again link by link
(selectors.paths.chain_get): anything else is a 404, like another user's object.
"""

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from curbside.core.http import AuthedRequest
from curbside.core.models import get_owned_or_404
from curbside.core.templatetags.curbside import relative_day
from curbside.network.models import Contact, Organization

from .. import forms
from ..selectors import paths as selectors
from ..services import requests as services

PANEL_CHAINS = 3


def _target(
    request: AuthedRequest, form: forms.ReachForm
) -> tuple[Contact | None, Organization | None]:
    """The person or organization asked about, within the owner's rows (404 otherwise)."""
    data = form.cleaned_data if form.is_valid() else {}
    contact = organization = None
    if data.get("contact"):
        contact = get_owned_or_404(Contact, request.user, pk=data["contact"], is_self=False)
    if data.get("organization"):
        organization = get_owned_or_404(Organization, request.user, pk=data["organization"])
    return contact, organization


def _chains_context(request: AuthedRequest, form: forms.ReachForm, k: int) -> dict[str, object]:
    contact, organization = _target(request, form)
    decision_makers = bool(form.is_valid() and form.cleaned_data.get("decision_makers"))
    chains: list[selectors.Chain] = []
    if contact is not None or organization is not None:
        chains = selectors.intro_paths(
            owner=request.user,
            to_contact=contact,
            to_organization=organization,
            decision_makers_only=decision_makers,
            k=k,
        )
    return {
        "contact": contact,
        "organization": organization,
        "target_name": contact.display_name
        if contact
        else organization.name
        if organization
        else "",
        "decision_makers": decision_makers,
        "chains": chains,
    }


@login_required
@require_GET
def reach(request: AuthedRequest) -> HttpResponse:
    form = forms.ReachForm(request.GET)
    query = form.cleaned_data.get("q", "") if form.is_valid() else ""
    targets = selectors.reach_targets(owner=request.user, query=query) if query else []
    context: dict[str, object] = {"form": form, "query": query, "targets": targets}
    if request.htmx and request.htmx.target == "suggestions":
        return render(request, "intros/reach.html#suggestions", context)
    k = form.cleaned_data["k"] if form.is_valid() else 3
    more = min(k + 3, selectors.MAX_K) if k < selectors.MAX_K else None
    context |= {"k": k, "more_k": more, **_chains_context(request, form, k)}
    return render(request, "intros/reach.html", context)


@login_required
@require_GET
def reach_panel(request: AuthedRequest) -> HttpResponse:
    """The compact "How do I reach…" card of a contact's or an organization's page."""
    form = forms.ReachForm(request.GET)
    context = _chains_context(request, form, PANEL_CHAINS)
    if context["contact"] is None and context["organization"] is None:
        raise Http404("Nobody to reach.")
    return render(request, "intros/_reach_panel.html", context)


def _chain_of(request: AuthedRequest) -> tuple[selectors.Chain, Organization | None]:
    ids = forms.chain_ids(request.GET.get("chain", ""))
    organization = None
    if request.GET.get("organization", "").isdecimal():
        organization = get_owned_or_404(
            Organization, request.user, pk=int(request.GET["organization"])
        )
    if ids is None:
        raise Http404("No such chain.")
    chain = selectors.chain_get(owner=request.user, contact_ids=ids, organization=organization)
    if chain is None or chain.is_direct:
        raise Http404("No such chain.")
    return chain, organization


@login_required
@require_http_methods(["GET", "POST"])
def draft(request: AuthedRequest) -> HttpResponse:
    """The editable request to the first person of a chain; "Mark as sent" logs it."""
    chain, organization = _chain_of(request)
    intro = selectors.intro_draft(owner=request.user, chain=chain, organization=organization)
    if request.method == "POST":
        form = forms.IntroRequestForm(request.POST)
        if form.is_valid():
            try:
                sent = services.intro_request_mark_sent(
                    owner=request.user,
                    chain_contact_ids=chain.contact_ids,
                    organization=organization,
                    **form.cleaned_data,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                due = relative_day(sent.follow_up.due_on)
                messages.success(
                    request,
                    f"Marked as sent. A follow-up with {chain.first.full_name} is due {due}.",
                )
                return redirect("network:contact_detail", pk=chain.first.pk)
    else:
        form = forms.IntroRequestForm(
            initial={"message": intro.draft.body, "sent_on": timezone.localdate()}
        )
    mailto = ""
    if intro.email:
        mailto = (
            f"mailto:{quote(intro.email, safe='@')}?subject={quote(intro.draft.subject)}"
            f"&body={quote(intro.draft.body)}"
        )
    back = reverse("intros:reach") + (
        f"?organization={organization.pk}" if organization else f"?contact={chain.target.pk}"
    )
    context = {"chain": chain, "intro": intro, "form": form, "mailto": mailto, "back": back}
    return render(request, "intros/draft.html", context)
