"""The network's pages: contacts, their affiliations and ties, organizations, the profile."""

import mimetypes
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from curbside.core.http import AuthedRequest
from curbside.core.models import get_owned_or_404

from . import forms, selectors, services
from .models import Affiliation, Contact, Organization, Tie

PAGE_SIZE = 50
PHOTO_TYPES = frozenset({"image/jpeg", "image/png", "image/webp", "image/gif"})
# Fields a service may name in its errors, and the form field that shows them.
CONTACT_ERROR_FIELDS = {
    "full_name": "name",
    "first_name": "name",
    "last_name": "name",
    "honorific": "name",
    "suffix": "name",
}
QUICK_ADD_ERROR_FIELDS = {**CONTACT_ERROR_FIELDS, "emails": "email", "phones": "phone"}
AFFILIATION_ERROR_FIELDS = {"name": "new_organization"}

form_page = require_http_methods(["GET", "POST"])


def _next_url(request: AuthedRequest, fallback: str) -> str:
    """Where to go after a POST: the page that sent it (`next`), if it is one of ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _detail_url(contact_id: int) -> str:
    return reverse("network:contact_detail", args=[contact_id])


def _contact_or_404(request: AuthedRequest, pk: int) -> Contact:
    """One of the user's contacts, with what its forms show (emails, phones, tags, strength)."""
    contact = selectors.contact_get(owner=request.user, pk=pk)
    if contact is None:
        raise Http404("No such contact.")
    return contact


@dataclass(frozen=True, slots=True)
class ContactFilters:
    query: str
    tag: str
    specialty: str
    state: str
    sort: str

    @classmethod
    def from_params(cls, params: QueryDict) -> "ContactFilters":
        sort = params.get("sort", "name")
        return cls(
            query=params.get("q", "").strip(),
            tag=params.get("tag", "").strip(),
            specialty=params.get("specialty", "").strip(),
            state=params.get("state", "").strip(),
            sort=sort if sort in selectors.CONTACT_SORTS else "name",
        )

    @property
    def is_filtered(self) -> bool:
        return bool(self.query or self.tag or self.specialty or self.state)


# Contacts


@login_required
@require_GET
def contact_list(request: AuthedRequest) -> HttpResponse:
    filters = ContactFilters.from_params(request.GET)
    contacts = selectors.contact_list(
        owner=request.user,
        query=filters.query,
        tag=filters.tag,
        specialty=filters.specialty,
        state=filters.state,
        sort=filters.sort,
    )
    context = {
        "page": Paginator(contacts, PAGE_SIZE).get_page(request.GET.get("page")),
        "filters": filters,
        "sorts": forms.CONTACT_SORT_CHOICES,
    }
    if request.htmx:
        return render(request, "network/contact_list.html#results", context)
    context["facets"] = selectors.contact_facets(owner=request.user)
    return render(request, "network/contact_list.html", context)


@login_required
@form_page
def contact_create(request: AuthedRequest) -> HttpResponse:
    form = forms.ContactForm(request.POST or None, request.FILES or None, owner=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                contact = services.contact_create(
                    owner=request.user, name=form.cleaned_data["name"], **form.service_fields()
                )
                if form.chosen_strength is not None:
                    services.contact_strength_set(
                        owner=request.user, contact=contact, strength=form.chosen_strength
                    )
        except ValidationError as error:
            forms.form_errors_from(form, error, CONTACT_ERROR_FIELDS)
        else:
            messages.success(request, f"Added {contact.display_name}.")
            return redirect("network:contact_detail", pk=contact.pk)
    return render(request, "network/contact_form.html", {"form": form, "contact": None})


@login_required
@form_page
def contact_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    contact = _contact_or_404(request, pk)
    form = forms.ContactForm(
        request.POST or None, request.FILES or None, owner=request.user, contact=contact
    )
    if request.method == "POST" and form.is_valid():
        name = form.cleaned_data["name"] if "name" in form.changed_data else None
        try:
            with transaction.atomic():
                services.contact_update(
                    owner=request.user, contact=contact, name=name, **form.service_fields()
                )
                if form.strength_changed:
                    services.contact_strength_set(
                        owner=request.user, contact=contact, strength=form.chosen_strength
                    )
        except ValidationError as error:
            forms.form_errors_from(form, error, CONTACT_ERROR_FIELDS)
        else:
            messages.success(request, f"Saved {contact.display_name}.")
            return redirect("network:contact_detail", pk=contact.pk)
    return render(request, "network/contact_form.html", {"form": form, "contact": contact})


@login_required
@form_page
def contact_quick_add(request: AuthedRequest) -> HttpResponse:
    form = forms.QuickAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.contact_quick_add(owner=request.user, **form.cleaned_data)
        except ValidationError as error:
            forms.form_errors_from(form, error, QUICK_ADD_ERROR_FIELDS)
        else:
            link = format_html('<a href="{}">{}</a>', _detail_url(contact.pk), contact.display_name)
            messages.success(request, format_html("Added {}. Add another below.", link))
            return redirect("network:contact_quick_add")
    return render(request, "network/contact_quick_add.html", {"form": form})


@login_required
@require_GET
def contact_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    detail = selectors.contact_detail(owner=request.user, pk=pk)
    if detail is None:
        raise Http404("No such contact.")
    return render(
        request,
        "network/contact_detail.html",
        {"detail": detail, "contact": detail.contact, "today": timezone.localdate()},
    )


@login_required
@form_page
def contact_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    contact = get_owned_or_404(Contact, request.user, pk=pk)
    if request.method == "POST":
        try:
            services.contact_delete(owner=request.user, contact=contact)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("network:contact_detail", pk=contact.pk)
        messages.success(request, f"Deleted {contact.display_name}.")
        return redirect("network:contact_list")
    return render(
        request,
        "network/confirm_delete.html",
        {
            "title": f"Delete {contact.display_name}?",
            "warning": "Their emails, phones, affiliations, ties and follow-ups are deleted "
            "with them. This cannot be undone.",
            "button": "Delete contact",
            "cancel_url": _detail_url(contact.pk),
        },
    )


@login_required
@require_GET
def contact_photo(request: AuthedRequest, pk: int) -> FileResponse:
    contact = get_owned_or_404(Contact, request.user, pk=pk)
    if not contact.photo:
        raise Http404("No photo.")
    content_type, _ = mimetypes.guess_type(contact.photo.name)
    try:
        photo = contact.photo.open("rb")
    except FileNotFoundError:
        raise Http404("No photo.") from None
    if content_type not in PHOTO_TYPES:
        # Not one of the formats the upload form accepts: never let a browser render it.
        return FileResponse(photo, as_attachment=True, content_type="application/octet-stream")
    return FileResponse(photo, content_type=content_type)


@login_required
@require_POST
def contact_snooze(request: AuthedRequest, pk: int) -> HttpResponse:
    contact = get_owned_or_404(Contact, request.user, pk=pk)
    form = forms.SnoozeForm(request.POST)
    if form.is_valid():
        until = form.cleaned_data["until"]
        services.contact_touch_snooze(owner=request.user, contact=contact, until=until)
        messages.success(request, f"No reminder to reach {contact.display_name} until {until}.")
    else:
        messages.error(request, "Choose a valid date to snooze until.")
    return redirect(_next_url(request, _detail_url(contact.pk)))


@login_required
@form_page
def contact_merge(request: AuthedRequest, pk: int) -> HttpResponse:
    contact = get_owned_or_404(Contact, request.user, pk=pk)
    data = request.POST if request.method == "POST" else request.GET
    form = forms.MergeForm(data if "other" in data else None, owner=request.user, contact=contact)
    if not form.is_bound or not form.is_valid():
        return _merge_chooser(request, contact, form)
    other = form.cleaned_data["other"]
    if request.method == "POST":
        try:
            kept = services.contact_merge(owner=request.user, keep=contact, merge=other)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Merged {other.display_name} into {kept.display_name}.")
            return redirect("network:contact_detail", pk=kept.pk)
    preview = selectors.contact_merge_preview(
        owner=request.user, keep_pk=contact.pk, merge_pk=other.pk
    )
    context = {"contact": contact, "preview": preview, "form": form}
    return render(request, "network/contact_merge.html", context)


def _merge_chooser(request: AuthedRequest, contact: Contact, form: forms.MergeForm) -> HttpResponse:
    """Step one of a merge: find the other record, by default among namesakes."""
    query = request.GET.get("q", contact.last_name or contact.full_name).strip()
    candidates = selectors.contact_merge_candidates(
        owner=request.user, contact=contact, query=query
    )
    context = {"contact": contact, "candidates": candidates, "query": query, "form": form}
    template = "network/contact_merge.html" + ("#candidates" if request.htmx else "")
    return render(request, template, context)


# Affiliations


def _affiliation_save(
    request: AuthedRequest,
    form: forms.AffiliationForm,
    contact: Contact,
    affiliation: Affiliation | None,
) -> bool:
    """Create or update from a valid form; an organization typed by name is found or added."""
    data = form.cleaned_data
    try:
        with transaction.atomic():
            organization = data["organization"] or services.organization_get_or_create(
                owner=request.user, name=data["new_organization"]
            )
            if affiliation is None:
                services.affiliation_create(
                    owner=request.user,
                    contact=contact,
                    organization=organization,
                    **form.affiliation_fields(),
                )
            else:
                services.affiliation_update(
                    owner=request.user,
                    affiliation=affiliation,
                    organization=organization,
                    **form.affiliation_fields(),
                )
    except ValidationError as error:
        forms.form_errors_from(form, error, AFFILIATION_ERROR_FIELDS)
        return False
    return True


@login_required
@form_page
def affiliation_create(request: AuthedRequest, pk: int) -> HttpResponse:
    contact = get_owned_or_404(Contact, request.user, pk=pk)
    initial = {"kind": request.GET.get("kind", Affiliation.Kind.EMPLOYMENT)}
    form = forms.AffiliationForm(request.POST or None, owner=request.user, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and _affiliation_save(request, form, contact, None)
    ):
        messages.success(request, f"Added to {contact.display_name}'s affiliations.")
        return redirect(_detail_url(contact.pk) + "#affiliations")
    title = "Add your school, program or job" if contact.is_self else "Add an affiliation"
    return render(
        request,
        "network/form_page.html",
        {
            "form": form,
            "title": title,
            "subtitle": contact.display_name,
            "submit": "Add affiliation",
            "cancel_url": _detail_url(contact.pk),
        },
    )


@login_required
@form_page
def affiliation_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    affiliation = get_owned_or_404(Affiliation, request.user, pk=pk)
    contact = affiliation.contact
    form = forms.AffiliationForm(
        request.POST or None,
        owner=request.user,
        initial=forms.AffiliationForm.initial_for(affiliation),
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and _affiliation_save(request, form, contact, affiliation)
    ):
        messages.success(request, "Saved the affiliation.")
        return redirect(_detail_url(contact.pk) + "#affiliations")
    return render(
        request,
        "network/form_page.html",
        {
            "form": form,
            "title": "Edit affiliation",
            "subtitle": contact.display_name,
            "submit": "Save",
            "cancel_url": _detail_url(contact.pk),
            "delete_url": reverse("network:affiliation_delete", args=[affiliation.pk]),
            "delete_label": "Remove affiliation",
        },
    )


@login_required
@form_page
def affiliation_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    affiliation = get_owned_or_404(Affiliation, request.user, pk=pk)
    contact_url = _detail_url(affiliation.contact_id)
    if request.method == "POST":
        services.affiliation_delete(owner=request.user, affiliation=affiliation)
        messages.success(request, "Removed the affiliation.")
        return redirect(contact_url + "#affiliations")
    return render(
        request,
        "network/confirm_delete.html",
        {
            "title": "Remove this affiliation?",
            "warning": f"{affiliation.contact.display_name} at {affiliation.organization.name}. "
            "The organization itself stays.",
            "button": "Remove affiliation",
            "cancel_url": contact_url,
        },
    )


# Ties


@login_required
@form_page
def tie_create(request: AuthedRequest, pk: int) -> HttpResponse:
    contact = get_owned_or_404(Contact, request.user, pk=pk)
    form = forms.TieCreateForm(request.POST or None, owner=request.user, contact=contact)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.tie_record(
                owner=request.user,
                person=contact,
                other=data["other"],
                strength=data["strength"],
                context=data["context"],
                since=data["since"],
            )
        except ValidationError as error:
            forms.form_errors_from(form, error)
        else:
            messages.success(request, f"{contact.display_name} knows {data['other'].display_name}.")
            return redirect(_detail_url(contact.pk) + "#ties")
    return render(
        request,
        "network/form_page.html",
        {
            "form": form,
            "title": f"Who does {contact.display_name} know?",
            "submit": "Add tie",
            "cancel_url": _detail_url(contact.pk),
        },
    )


@login_required
@form_page
def tie_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    tie = get_owned_or_404(Tie, request.user, pk=pk)
    back = _next_url(request, _detail_url(tie.person_a_id) + "#ties")
    form = forms.TieEditForm(request.POST or None, initial=forms.TieEditForm.initial_for(tie))
    if request.method == "POST" and form.is_valid():
        try:
            services.tie_update(owner=request.user, tie=tie, **form.cleaned_data)
        except ValidationError as error:
            forms.form_errors_from(form, error)
        else:
            messages.success(request, "Saved the tie.")
            return redirect(back)
    return render(
        request,
        "network/form_page.html",
        {
            "form": form,
            "title": "Edit tie",
            "subtitle": f"{tie.person_a.display_name} and {tie.person_b.display_name}",
            "submit": "Save",
            "cancel_url": back,
            "next": back,
            "delete_url": reverse("network:tie_delete", args=[tie.pk])
            + "?"
            + urlencode({"next": back}),
            "delete_label": "Remove tie",
        },
    )


@login_required
@form_page
def tie_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    tie = get_owned_or_404(Tie, request.user, pk=pk)
    back = _next_url(request, _detail_url(tie.person_a_id) + "#ties")
    if request.method == "POST":
        services.tie_delete(owner=request.user, tie=tie)
        messages.success(request, "Removed the tie.")
        return redirect(back)
    return render(
        request,
        "network/confirm_delete.html",
        {
            "title": "Remove this tie?",
            "warning": f"{tie.person_a.display_name} and {tie.person_b.display_name} "
            "will no longer be recorded as knowing each other.",
            "button": "Remove tie",
            "cancel_url": back,
            "next": back,
        },
    )


# Organizations


@login_required
@require_GET
def organization_list(request: AuthedRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "")
    kind = kind if kind in Organization.Kind.values else ""
    organizations = selectors.organization_list(owner=request.user, query=query, kind=kind)
    context = {
        "page": Paginator(organizations, PAGE_SIZE).get_page(request.GET.get("page")),
        "query": query,
        "kind": kind,
        "kinds": Organization.Kind.choices,
        "is_filtered": bool(query or kind),
    }
    template = "network/organization_list.html" + ("#results" if request.htmx else "")
    return render(request, template, context)


@login_required
@form_page
def organization_create(request: AuthedRequest) -> HttpResponse:
    form = forms.OrganizationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organization = services.organization_create(owner=request.user, **form.cleaned_data)
        except ValidationError as error:
            forms.form_errors_from(form, error)
        else:
            messages.success(request, f"Added {organization.name}.")
            return redirect("network:organization_detail", pk=organization.pk)
    return render(
        request,
        "network/form_page.html",
        {
            "form": form,
            "title": "New organization",
            "submit": "Add organization",
            "cancel_url": reverse("network:organization_list"),
        },
    )


@login_required
@require_GET
def organization_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    page = selectors.organization_page(owner=request.user, pk=pk)
    if page is None:
        raise Http404("No such organization.")
    return render(
        request,
        "network/organization_detail.html",
        {"page": page, "organization": page.detail.organization},
    )


@login_required
@form_page
def organization_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    organization = get_owned_or_404(Organization, request.user, pk=pk)
    form = forms.OrganizationForm(request.POST or None, instance=organization)
    if request.method == "POST" and form.is_valid():
        try:
            services.organization_update(
                owner=request.user, organization=organization, **form.cleaned_data
            )
        except ValidationError as error:
            forms.form_errors_from(form, error)
        else:
            messages.success(request, f"Saved {organization.name}.")
            return redirect("network:organization_detail", pk=organization.pk)
    return render(
        request,
        "network/form_page.html",
        {
            "form": form,
            "title": f"Edit {organization.name}",
            "submit": "Save",
            "cancel_url": reverse("network:organization_detail", args=[organization.pk]),
        },
    )


@login_required
@form_page
def organization_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    organization = get_owned_or_404(Organization, request.user, pk=pk)
    if request.method == "POST":
        services.organization_delete(owner=request.user, organization=organization)
        messages.success(request, f"Deleted {organization.name}.")
        return redirect("network:organization_list")
    return render(
        request,
        "network/confirm_delete.html",
        {
            "title": f"Delete {organization.name}?",
            "warning": "Everyone's affiliation with it (jobs, training, memberships) is "
            "deleted too. The people stay.",
            "button": "Delete organization",
            "cancel_url": reverse("network:organization_detail", args=[organization.pk]),
        },
    )


# The user's own profile


@login_required
@require_GET
def profile(request: AuthedRequest) -> HttpResponse:
    me = services.contact_self_ensure(owner=request.user)
    return redirect("network:contact_detail", pk=me.pk)
