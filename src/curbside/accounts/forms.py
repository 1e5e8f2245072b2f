from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, UsernameField

from .models import TIME_ZONE_CHOICES


class LoginForm(AuthenticationForm):
    """Django's login form, asking for an email address. Authenticates with the request,
    so the login rate limit sees every attempt."""

    username = UsernameField(
        label="Email",
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": "That email address and password do not match an account.",
        "inactive": "This account is inactive. Ask the instance administrator.",
    }

    def clean_username(self) -> str:
        # Accounts are stored with lower-case addresses; people type them any way.
        return str(self.cleaned_data["username"]).strip().lower()


class SignupForm(forms.Form):
    email = forms.EmailField(
        label="Email", widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True})
    )
    name = forms.CharField(
        label="Name",
        max_length=200,
        help_text="Your full name, as colleagues know you.",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    password1 = forms.CharField(
        label="Password",
        strip=False,
        help_text="At least 8 characters. Avoid common passwords and your own name.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label="Password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", "The two passwords differ. Type the same one twice.")
        return cleaned


class SettingsForm(forms.Form):
    name = forms.CharField(
        label="Name", max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    time_zone = forms.ChoiceField(
        label="Time zone",
        choices=TIME_ZONE_CHOICES,
        help_text="Due dates and “today” follow this time zone.",
    )


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        label="Token name",
        max_length=100,
        help_text="What the token is for, such as “Laptop command line”.",
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(label="Email", help_text="The address of the person you are inviting.")
