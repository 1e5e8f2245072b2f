from typing import Any

from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from curbside.core.http import AuthedRequest

from . import forms, selectors, services

# Several authentication backends are configured (the login rate limit is one): a user who
# has just signed up is logged in with the one that checks passwords.
SIGNUP_LOGIN_BACKEND = "django.contrib.auth.backends.ModelBackend"
SIGNUP_ERROR_FIELDS = {"email": "email", "password": "password1"}


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("interactions:dashboard")
    code = request.GET.get("invite", "")
    if not services.signup_allowed(invitation_code=code):
        context = {"policy": services.signup_policy(), "has_code": bool(code)}
        return render(request, "accounts/signup_closed.html", context, status=403)
    invitation = selectors.invitation_for_code(code)
    form = forms.SignupForm(
        request.POST if request.method == "POST" else None,
        initial={"email": invitation.email if invitation else ""},
    )
    if form.is_valid():
        try:
            user = services.user_create(
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password1"],
                name=form.cleaned_data["name"],
                invitation_code=code,
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                form.add_error(None, error)
            for field, field_messages in getattr(error, "message_dict", {}).items():
                form.add_error(SIGNUP_ERROR_FIELDS.get(field), field_messages)
        else:
            auth_login(request, user, backend=SIGNUP_LOGIN_BACKEND)
            return redirect("interactions:dashboard")
    return render(request, "accounts/signup.html", {"form": form})


class LoginView(auth_views.LoginView):
    """Django's login (its form authenticates with the request, which the rate limit needs)."""

    template_name = "accounts/login.html"
    authentication_form = forms.LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "signup_policy": services.signup_policy()}


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    auth_logout(request)
    messages.info(request, "You are logged out.")
    return redirect("accounts:login")


@login_required
@require_http_methods(["GET", "POST"])
def settings(request: AuthedRequest) -> HttpResponse:
    user = request.user
    form = forms.SettingsForm(
        request.POST if request.method == "POST" else None,
        initial={"name": user.get_full_name(), "time_zone": user.time_zone},
    )
    if form.is_valid():
        try:
            services.user_update(user=user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Settings saved.")
            return redirect("accounts:settings")
    return render(request, "accounts/settings.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: AuthedRequest) -> HttpResponse:
    form = forms.TokenCreateForm(request.POST if request.method == "POST" else None)
    new_token = ""
    if form.is_valid():
        _, new_token = services.token_create(owner=request.user, name=form.cleaned_data["name"])
        # Rendered, not redirected: the token is shown this once and kept nowhere.
        form = forms.TokenCreateForm()
    tokens = selectors.token_list(owner=request.user)
    return render(
        request,
        "accounts/token_list.html",
        {"form": form, "tokens": tokens, "new_token": new_token},
    )


@login_required
@require_POST
def token_revoke(request: AuthedRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(selectors.token_list(owner=request.user), pk=pk)
    services.token_revoke(owner=request.user, token=token)
    messages.success(request, f"Token “{token.name}” revoked. Programs using it are locked out.")
    return redirect("accounts:token_list")


@login_required
@require_http_methods(["GET", "POST"])
def invitation_list(request: AuthedRequest) -> HttpResponse:
    if not request.user.is_staff:
        raise Http404("Only the instance's administrators invite people.")
    form = forms.InvitationForm(request.POST if request.method == "POST" else None)
    signup_link = ""
    if form.is_valid():
        _, code = services.invitation_create(
            created_by=request.user, email=form.cleaned_data["email"]
        )
        # Rendered, not redirected: only the code's hash is kept, so the link shows once.
        signup_link = request.build_absolute_uri(f"{reverse('accounts:signup')}?invite={code}")
        form = forms.InvitationForm()
    invitations = selectors.invitation_list(created_by=request.user)
    return render(
        request,
        "accounts/invitation_list.html",
        {
            "form": form,
            "invitations": invitations,
            "signup_link": signup_link,
            "policy": services.signup_policy(),
        },
    )
