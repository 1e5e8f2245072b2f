"""Pages of the interactions app: "Today", logging interactions, and follow-ups.

Dates are the user's: core.middleware.UserTimeZoneMiddleware activates their time zone, so
timezone.localdate() here, in the services and in the templates is the user's today."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import get_text_list
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from curbside.core.http import AuthedRequest
from curbside.core.models import get_owned_or_404
from curbside.core.templatetags.curbside import relative_day
from curbside.network.models import Contact
from curbside.opportunities.selectors.searches import saved_search_list

from . import forms, selectors, services
from .models import FollowUp, Interaction

INTERACTIONS_PER_PAGE = 50
FOLLOW_UPS_PER_PAGE = 100


def _next_url(request: AuthedRequest, default: str) -> str:
    """Where to go after a form: `next` when it stays on this site, else `default`."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    is_safe = url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return candidate if candidate and is_safe else default


def _ids(values: Iterable[str]) -> list[int]:
    """Ids from the query string; anything that is not a number is ignored."""
    return [int(value) for value in values if value.isdecimal() and len(value) < 19]


# Today


@login_required
@require_GET
def dashboard(request: AuthedRequest) -> HttpResponse:
    today = timezone.localdate()
    board = selectors.dashboard(owner=request.user, today=today)
    # The "New job listings" card: a few saved searches with what is new in each.
    saved_searches = saved_search_list(owner=request.user, today=today, limit=5)
    return render(
        request,
        "interactions/dashboard.html",
        {
            "today": today,
            "board": board,
            "next": request.get_full_path(),
            "saved_searches": saved_searches,
        },
    )


# Interactions


@login_required
@require_GET
def interaction_list(request: AuthedRequest) -> HttpResponse:
    filters = forms.InteractionFilterForm(request.GET)
    criteria = filters.cleaned_data if filters.is_valid() else {}
    interactions = selectors.interaction_list_matching(
        owner=request.user,
        query=criteria.get("q", ""),
        contact_id=criteria.get("contact"),
        kind=criteria.get("kind", ""),
        since=criteria.get("since"),
        until=criteria.get("until"),
    )
    page = Paginator(interactions, INTERACTIONS_PER_PAGE).get_page(request.GET.get("page"))
    template = "interactions/interaction_list.html" + ("#results" if request.htmx else "")
    context = {"filters": filters, "page": page, "next": request.get_full_path()}
    return render(request, template, context)


def _describe(interaction: Interaction) -> str:
    """For messages: "meeting of Nov. 20, 2026"."""
    return f"{interaction.get_kind_display().lower()} of {date_format(interaction.happened_on)}"


def _logged_message(interaction: Interaction, contacts: Sequence[Contact], owe: bool) -> str:
    if not owe or interaction.kind not in services.THANKS_AFTER:
        return f"Logged the {interaction.get_kind_display().lower()}."
    names = get_text_list([c.full_name for c in contacts], "and")
    due = relative_day(interaction.happened_on + timedelta(days=1))
    if len(contacts) == 1:
        return f"Logged. A thank-you to {names} is due {due}."
    return f"Logged. Thank-yous to {names} are due {due}."


@login_required
@require_http_methods(["GET", "POST"])
def interaction_create(request: AuthedRequest) -> HttpResponse:
    if request.method == "POST":
        form = forms.InteractionForm(request.POST, owner=request.user)
        if form.is_valid():
            data = dict(form.cleaned_data)
            contacts = list(data.pop("contacts"))
            try:
                interaction = services.interaction_log(
                    owner=request.user, contacts=contacts, **data
                )
            except ValidationError as error:
                forms.add_service_errors(form, error)
            else:
                message = _logged_message(interaction, contacts, data["owe_thanks"])
                messages.success(request, message)
                default = reverse("network:contact_detail", args=[contacts[0].pk])
                return redirect(_next_url(request, default))
    else:
        chosen = _ids(request.GET.getlist("contact") + request.GET.getlist("contacts"))
        kind = request.GET.get("kind", Interaction.Kind.MEETING)
        initial = forms.InteractionForm.initial_for(
            today=timezone.localdate(), kind=kind, contact_ids=chosen
        )
        query = request.GET.get("q", "")
        form = forms.InteractionForm(
            owner=request.user, initial=initial, contact_query=query, chosen_ids=chosen
        )
    # The type-to-filter search asks for the list of people alone.
    partial = "#contacts" if request.htmx and request.method == "GET" else ""
    return render(
        request, "interactions/interaction_form.html" + partial, _form_context(request, form)
    )


def _form_context(
    request: AuthedRequest, form: forms.InteractionForm, interaction: Interaction | None = None
) -> dict[str, object]:
    return {
        "form": form,
        "interaction": interaction,
        "next": _next_url(request, ""),
        "q": request.GET.get("q", ""),
    }


@login_required
@require_http_methods(["GET", "POST"])
def interaction_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    interaction = get_owned_or_404(Interaction, request.user, pk=pk)
    if request.method == "POST":
        form = forms.InteractionForm(request.POST, owner=request.user, with_owe_thanks=False)
        if form.is_valid():
            data = dict(form.cleaned_data)
            contacts = list(data.pop("contacts"))
            try:
                services.interaction_update(
                    owner=request.user, interaction=interaction, contacts=contacts, **data
                )
            except ValidationError as error:
                forms.add_service_errors(form, error)
            else:
                messages.success(request, f"Saved the {interaction.get_kind_display().lower()}.")
                return redirect(_next_url(request, reverse("interactions:interaction_list")))
    else:
        # The people search (htmx) sends the people chosen so far; the page starts from those saved.
        chosen = (
            _ids(request.GET.getlist("contacts"))
            if request.htmx
            else list(interaction.contacts.values_list("pk", flat=True))
        )
        form = forms.InteractionForm(
            owner=request.user,
            initial=forms.InteractionForm.initial_from(interaction, chosen),
            contact_query=request.GET.get("q", ""),
            chosen_ids=chosen,
            with_owe_thanks=False,
        )
    partial = "#contacts" if request.htmx and request.method == "GET" else ""
    context = _form_context(request, form, interaction)
    return render(request, "interactions/interaction_form.html" + partial, context)


@login_required
@require_http_methods(["GET", "POST"])
def interaction_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    interaction = get_owned_or_404(Interaction, request.user, pk=pk)
    if request.method == "POST":
        services.interaction_delete(owner=request.user, interaction=interaction)
        messages.success(request, f"Deleted the {_describe(interaction)}.")
        return redirect(_next_url(request, reverse("interactions:interaction_list")))
    people = list(interaction.contacts.all())
    context = {"interaction": interaction, "people": people, "next": _next_url(request, "")}
    return render(request, "interactions/interaction_confirm_delete.html", context)


# Follow-ups


@dataclass(frozen=True, slots=True)
class DueGroup:
    title: str
    follow_ups: list[FollowUp]
    is_overdue: bool = False


def _due_groups(follow_ups: Iterable[FollowUp], today: date, title: str) -> list[DueGroup]:
    """Pending follow-ups by when they are due; any other status is one group."""
    if title:
        return [DueGroup(title, list(follow_ups))]
    week_end = today + timedelta(days=7)
    groups: dict[str, list[FollowUp]] = {"Overdue": [], "Today": [], "This week": [], "Later": []}
    for follow_up in follow_ups:
        if follow_up.due_on < today:
            groups["Overdue"].append(follow_up)
        elif follow_up.due_on == today:
            groups["Today"].append(follow_up)
        elif follow_up.due_on <= week_end:
            groups["This week"].append(follow_up)
        else:
            groups["Later"].append(follow_up)
    return [DueGroup(t, items, t == "Overdue") for t, items in groups.items() if items]


@login_required
@require_GET
def follow_up_list(request: AuthedRequest) -> HttpResponse:
    filters = forms.FollowUpFilterForm(request.GET)
    filters.is_valid()
    status = filters.selector_status()
    follow_ups = selectors.follow_up_list(
        owner=request.user, status=status, kind=filters.cleaned_data.get("kind", "")
    )
    page = Paginator(follow_ups, FOLLOW_UPS_PER_PAGE).get_page(request.GET.get("page"))
    title = "" if status == "pending" else dict(filters.STATUSES)[status or "all"]
    today = timezone.localdate()
    context = {
        "filters": filters,
        "status": status or "all",
        "page": page,
        "groups": _due_groups(page, today, title),
        "today": today,
        "next": request.get_full_path(),
    }
    return render(request, "interactions/follow_up_list.html", context)


def _follow_up_form_page(
    request: AuthedRequest, form: forms.FollowUpForm, follow_up: FollowUp | None = None
) -> HttpResponse:
    context = {"form": form, "follow_up": follow_up, "next": _next_url(request, "")}
    return render(request, "interactions/follow_up_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def follow_up_create(request: AuthedRequest) -> HttpResponse:
    if request.method == "GET":
        chosen = _ids(request.GET.getlist("contact"))[:1]
        tomorrow = timezone.localdate() + timedelta(days=1)
        initial = {"contact": chosen[0] if chosen else None, "due_on": tomorrow}
        form = forms.FollowUpForm(owner=request.user, initial=initial)
        return _follow_up_form_page(request, form)
    form = forms.FollowUpForm(request.POST, owner=request.user)
    if form.is_valid():
        try:
            follow_up = services.follow_up_create(owner=request.user, **form.cleaned_data)
        except ValidationError as error:
            forms.add_service_errors(form, error)
        else:
            due = relative_day(follow_up.due_on)
            messages.success(
                request,
                f"Added: {follow_up.get_kind_display().lower()} to "
                f"{follow_up.contact.full_name}, due {due}.",
            )
            return redirect(_next_url(request, reverse("interactions:follow_up_list")))
    return _follow_up_form_page(request, form)


@login_required
@require_http_methods(["GET", "POST"])
def follow_up_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    follow_up = get_owned_or_404(FollowUp, request.user, pk=pk)
    if request.method == "GET":
        initial = {"kind": follow_up.kind, "due_on": follow_up.due_on, "note": follow_up.note}
        form = forms.FollowUpForm(owner=request.user, with_contact=False, initial=initial)
        return _follow_up_form_page(request, form, follow_up)
    form = forms.FollowUpForm(request.POST, owner=request.user, with_contact=False)
    if form.is_valid():
        try:
            services.follow_up_update(owner=request.user, follow_up=follow_up, **form.cleaned_data)
        except ValidationError as error:
            forms.add_service_errors(form, error)
        else:
            messages.success(request, "Saved the follow-up.")
            return redirect(_next_url(request, reverse("interactions:follow_up_list")))
    return _follow_up_form_page(request, form, follow_up)


def _follow_up_changed(
    request: AuthedRequest, follow_up: FollowUp, message: str, *, can_undo: bool = False
) -> HttpResponse:
    """After an action: htmx swaps the row for a line saying what happened; a plain form
    goes back where it came from with the same words as a message."""
    if request.htmx:
        context = {"follow_up": follow_up, "message": message, "can_undo": can_undo}
        context["next"] = _next_url(request, "")
        return render(request, "interactions/_follow_up_row.html#changed", context)
    messages.success(request, message)
    return redirect(_next_url(request, reverse("interactions:follow_up_list")))


def _follow_up_refused(
    request: AuthedRequest, follow_up: FollowUp, error: ValidationError
) -> HttpResponse:
    text = " ".join(error.messages)
    if request.htmx:
        context = {"follow_up": follow_up, "error": text, "today": timezone.localdate()}
        context["next"] = _next_url(request, "")
        return render(request, "interactions/_follow_up_row.html", context)
    messages.error(request, text)
    return redirect(_next_url(request, reverse("interactions:follow_up_list")))


def _what(follow_up: FollowUp) -> str:
    """For messages and the line that replaces a row: "Thank-you to Ann Lee"."""
    return f"{follow_up.get_kind_display()} to {follow_up.contact.full_name}"


@login_required
@require_POST
def follow_up_complete(request: AuthedRequest, pk: int) -> HttpResponse:
    follow_up = get_owned_or_404(FollowUp, request.user, pk=pk)
    services.follow_up_complete(owner=request.user, follow_up=follow_up)
    return _follow_up_changed(request, follow_up, f"{_what(follow_up)}: done.", can_undo=True)


@login_required
@require_POST
def follow_up_snooze(request: AuthedRequest, pk: int) -> HttpResponse:
    follow_up = get_owned_or_404(FollowUp, request.user, pk=pk)
    form = forms.SnoozeForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("Choose a day to snooze until.")
        services.follow_up_snooze(
            owner=request.user, follow_up=follow_up, until=form.until_date(follow_up.due_on)
        )
    except ValidationError as error:
        return _follow_up_refused(request, follow_up, error)
    until = date_format(follow_up.due_on, "D j M")
    return _follow_up_changed(request, follow_up, f"{_what(follow_up)}: snoozed until {until}.")


@login_required
@require_POST
def follow_up_dismiss(request: AuthedRequest, pk: int) -> HttpResponse:
    follow_up = get_owned_or_404(FollowUp, request.user, pk=pk)
    services.follow_up_dismiss(owner=request.user, follow_up=follow_up)
    message = f"{_what(follow_up)}: dismissed."
    return _follow_up_changed(request, follow_up, message, can_undo=True)


@login_required
@require_POST
def follow_up_reopen(request: AuthedRequest, pk: int) -> HttpResponse:
    follow_up = get_owned_or_404(FollowUp, request.user, pk=pk)
    services.follow_up_reopen(owner=request.user, follow_up=follow_up)
    if request.htmx:
        context = {"follow_up": follow_up, "today": timezone.localdate()}
        context["next"] = _next_url(request, "")
        return render(request, "interactions/_follow_up_row.html", context)
    messages.success(request, f"{_what(follow_up)}: back on your list.")
    return redirect(_next_url(request, reverse("interactions:follow_up_list")))


@login_required
@require_POST
def follow_up_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    follow_up = get_owned_or_404(FollowUp, request.user, pk=pk)
    what = _what(follow_up)
    services.follow_up_delete(owner=request.user, follow_up=follow_up)
    if request.htmx:
        return HttpResponse("")  # the row disappears
    messages.success(request, f"{what}: deleted.")
    return redirect(_next_url(request, reverse("interactions:follow_up_list")))
