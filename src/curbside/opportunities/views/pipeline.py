"""Pages of the pipeline: the board, the list, an opportunity's page and its forms.

Dates are the user's: core.middleware.UserTimeZoneMiddleware activates their time zone, so
timezone.localdate() here and in the services is the user's today."""

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import get_text_list
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from curbside.core.http import AuthedRequest
from curbside.core.models import get_owned_or_404
from curbside.core.templatetags.curbside import relative_day
from curbside.network.forms import form_errors_from

from ..forms import pipeline as forms
from ..models import DocumentSent, Opportunity, OpportunityPerson
from ..selectors import fit as fit_selectors
from ..selectors import pipeline as selectors
from ..services import pipeline as services

PAGE_SIZE = 50
form_page = require_http_methods(["GET", "POST"])


def _next_url(request: AuthedRequest, default: str) -> str:
    """Where to go after a form: `next` when it stays on this site, else `default`."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    is_safe = url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return candidate if candidate and is_safe else default


def _detail_url(opportunity: Opportunity) -> str:
    return reverse("opportunities:opportunity_detail", args=[opportunity.pk])


def _opportunity(request: AuthedRequest, pk: int) -> Opportunity:
    return get_owned_or_404(Opportunity, request.user, pk=pk)


# Board and list


def _board_context(request: AuthedRequest, status: str) -> dict[str, Any]:
    board = selectors.opportunity_board(owner=request.user)
    cards = [card for column in board.columns for card in column.cards]
    fits = fit_selectors.fit_for_opportunities(owner=request.user, opportunities=cards)
    for card in cards:
        card.fit = fits.get(card.pk)
    return {
        "board": board,
        "stages": selectors.STAGES,
        "today": timezone.localdate(),
        "status": status,
    }


@login_required
@require_GET
def opportunity_board(request: AuthedRequest) -> HttpResponse:
    context = _board_context(request, status="")
    return render(request, "opportunities/board.html", context)


@login_required
@require_GET
def opportunity_list(request: AuthedRequest) -> HttpResponse:
    filters = forms.OpportunityFilterForm(request.GET)
    criteria = filters.cleaned_data if filters.is_valid() else {}
    opportunities = selectors.opportunity_list(
        owner=request.user,
        stage=criteria.get("stage", ""),
        q=criteria.get("q", ""),
        source=criteria.get("source", ""),
    )
    page = Paginator(opportunities, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "opportunities/opportunity_list.html" + ("#results" if request.htmx else "")
    is_filtered = any(criteria.get(name) for name in ("stage", "q", "source"))
    context = {
        "filters": filters,
        "page": page,
        "is_filtered": is_filtered,
        "today": timezone.localdate(),
    }
    return render(request, template, context)


# One opportunity


def _form_page(
    request: AuthedRequest, form: forms.OpportunityForm, title: str, submit: str, cancel: str
) -> HttpResponse:
    context = {"form": form, "title": title, "submit": submit, "cancel_url": cancel}
    return render(request, "opportunities/opportunity_form.html", context)


@login_required
@form_page
def opportunity_create(request: AuthedRequest) -> HttpResponse:
    # ?organization=, ?referrer=, ?source= prefill the form from an organization or contact.
    initial = {
        k: request.GET[k] for k in ("organization", "referrer", "source") if k in request.GET
    }
    form = forms.OpportunityForm(request.POST or None, owner=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            opportunity = services.opportunity_create(owner=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, f"Tracking “{opportunity.title}”.")
            return redirect(_detail_url(opportunity))
    cancel = reverse("opportunities:opportunity_board")
    return _form_page(request, form, "New opportunity", "Track opportunity", cancel)


@login_required
@require_GET
def opportunity_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _detail_page(request, pk)


def _detail_page(request: AuthedRequest, pk: int, **bound: Any) -> HttpResponse:
    """The opportunity's page; `bound` holds a submitted form to show again with its errors."""
    detail = selectors.opportunity_detail(owner=request.user, pk=pk)
    if detail is None:
        raise Http404("No such opportunity.")
    owner, today = request.user, timezone.localdate()
    context = {
        "detail": detail,
        "opportunity": detail.opportunity,
        "fit": fit_selectors.fit_for_opportunities(
            owner=owner, opportunities=[detail.opportunity]
        ).get(detail.opportunity.pk),
        "network": detail.network,
        "today": today,
        "stages": selectors.STAGES,
        "stage_form": forms.StageForm(initial={"stage": detail.opportunity.stage}),
        "person_form": forms.PersonForm(owner=owner),
        "interview_form": forms.InterviewForm(owner=owner, initial={"happened_on": today}),
        "document_form": forms.DocumentForm(owner=owner, initial={"sent_on": today}),
        **bound,
    }
    return render(request, "opportunities/opportunity_detail.html", context)


@login_required
@form_page
def opportunity_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    opportunity = _opportunity(request, pk)
    form = forms.OpportunityForm(request.POST or None, owner=request.user, instance=opportunity)
    if request.method == "POST" and form.is_valid():
        try:
            services.opportunity_update(
                owner=request.user, opportunity=opportunity, **form.cleaned_data
            )
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, f"Saved “{opportunity.title}”.")
            return redirect(_detail_url(opportunity))
    title = f"Edit {opportunity.title}"
    return _form_page(request, form, title, "Save", _detail_url(opportunity))


@login_required
@form_page
def opportunity_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    opportunity = _opportunity(request, pk)
    if request.method == "POST":
        services.opportunity_delete(owner=request.user, opportunity=opportunity)
        messages.success(request, f"Deleted “{opportunity.title}”.")
        return redirect("opportunities:opportunity_board")
    context = {"opportunity": opportunity, "cancel_url": _detail_url(opportunity)}
    return render(request, "opportunities/opportunity_confirm_delete.html", context)


# Stage, people, interviews, documents


def _moved_message(opportunity: Opportunity) -> str:
    message = f"Moved “{opportunity.title}” to {opportunity.get_stage_display()}."
    if opportunity.stage in services.CLOSURE_STAGES:
        message += " A closure note to everyone involved is on your follow-up list."
    return message


@login_required
@require_POST
def opportunity_move(request: AuthedRequest, pk: int) -> HttpResponse:
    """Move a card: from the board (a select and a button, or a drag) or the stage form."""
    opportunity = _opportunity(request, pk)
    form = forms.StageForm(request.POST)
    error = ""
    if form.is_valid():
        data = form.cleaned_data
        services.opportunity_advance(
            owner=request.user,
            opportunity=opportunity,
            stage=data["stage"],
            on=data["on"],
            note=data["note"],
        )
    else:
        error = "Choose a stage to move it to."
    if request.htmx:
        context = _board_context(request, status=error or _moved_message(opportunity))
        return render(request, "opportunities/board.html#columns", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _moved_message(opportunity))
    return redirect(_next_url(request, _detail_url(opportunity)))


@login_required
@require_POST
def opportunity_person_add(request: AuthedRequest, pk: int) -> HttpResponse:
    opportunity = _opportunity(request, pk)
    form = forms.PersonForm(request.POST, owner=request.user)
    if form.is_valid():
        try:
            person = services.opportunity_person_add(
                owner=request.user, opportunity=opportunity, **form.cleaned_data
            )
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            role = person.get_role_display().lower()
            messages.success(request, f"Added {person.contact.full_name} as {role}.")
            return redirect(_detail_url(opportunity))
    return _detail_page(request, pk, person_form=form)


@login_required
@require_POST
def opportunity_person_remove(request: AuthedRequest, pk: int, person_pk: int) -> HttpResponse:
    person = get_owned_or_404(OpportunityPerson, request.user, pk=person_pk, opportunity_id=pk)
    services.opportunity_person_remove(owner=request.user, person=person)
    messages.success(request, f"Removed {person.contact.full_name}.")
    return redirect(_detail_url(person.opportunity))


@login_required
@require_POST
def opportunity_interview(request: AuthedRequest, pk: int) -> HttpResponse:
    opportunity = _opportunity(request, pk)
    form = forms.InterviewForm(request.POST, owner=request.user)
    if form.is_valid():
        data = dict(form.cleaned_data)
        interviewers = list(data.pop("interviewers"))
        try:
            services.opportunity_log_interview(
                owner=request.user, opportunity=opportunity, interviewers=interviewers, **data
            )
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            names = get_text_list([c.full_name for c in interviewers], "and")
            due = relative_day(data["happened_on"] + timedelta(days=1))
            owed = "A thank-you" if len(interviewers) == 1 else "Thank-yous"
            messages.success(request, f"Logged the interview. {owed} to {names}: due {due}.")
            return redirect(_detail_url(opportunity))
    return _detail_page(request, pk, interview_form=form)


@login_required
@require_POST
def opportunity_document_add(request: AuthedRequest, pk: int) -> HttpResponse:
    opportunity = _opportunity(request, pk)
    form = forms.DocumentForm(request.POST, owner=request.user)
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            document = services.document_record(
                owner=request.user,
                opportunity=opportunity,
                recipients=list(data.pop("recipients")),
                **data,
            )
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, f"Recorded {document}.")
            return redirect(_detail_url(opportunity))
    return _detail_page(request, pk, document_form=form)


@login_required
@require_POST
def opportunity_document_delete(request: AuthedRequest, pk: int, document_pk: int) -> HttpResponse:
    document = get_owned_or_404(DocumentSent, request.user, pk=document_pk, opportunity_id=pk)
    services.document_delete(owner=request.user, document=document)
    messages.success(request, "Removed the document from the record.")
    return redirect(reverse("opportunities:opportunity_detail", args=[pk]))
