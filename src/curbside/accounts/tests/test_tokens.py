from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from curbside.accounts import services
from curbside.accounts.models import ApiToken

pytestmark = pytest.mark.django_db

TOKENS = reverse("accounts:token_list")


def test_a_new_token_is_shown_once_and_only_its_digest_is_kept(client, alice):
    client.force_login(alice)

    created = client.post(TOKENS, {"name": "Laptop command line"})
    raw = created.context["new_token"]
    later = client.get(TOKENS)

    token = ApiToken.objects.get(owner=alice)
    assert token.name == "Laptop command line"
    assert raw.startswith("cbs_")
    assert raw in created.content.decode()
    assert raw not in later.content.decode()
    assert token.prefix in later.content.decode()
    assert raw not in (token.digest, token.prefix)
    assert services.token_authenticate(raw) == alice


def test_a_token_needs_a_name(client, alice):
    client.force_login(alice)

    response = client.post(TOKENS, {"name": ""})

    assert "name" in response.context["form"].errors
    assert response.context["new_token"] == ""
    assert not ApiToken.objects.exists()


def test_the_list_shows_when_each_token_was_created_and_last_used(client, alice):
    services.token_create(owner=alice, name="Fresh")
    used, _ = services.token_create(owner=alice, name="Used")
    ApiToken.objects.filter(pk=used.pk).update(last_used_at=timezone.now() - timedelta(days=3))
    client.force_login(alice)

    page = client.get(TOKENS).content.decode()

    assert "never used" in page
    assert "last used" in page
    assert [t.name for t in client.get(TOKENS).context["tokens"]] == ["Used", "Fresh"]


def test_revoking_a_token_locks_out_programs_using_it(client, alice):
    token, raw = services.token_create(owner=alice, name="Old script")
    client.force_login(alice)

    response = client.post(reverse("accounts:token_revoke", args=[token.pk]), follow=True)

    assert response.redirect_chain[-1][0] == TOKENS
    assert "Token “Old script” revoked." in response.content.decode()
    assert not ApiToken.objects.filter(pk=token.pk).exists()
    assert services.token_authenticate(raw) is None


def test_revoking_takes_a_post(client, alice):
    token, _ = services.token_create(owner=alice, name="Old script")
    client.force_login(alice)

    response = client.get(reverse("accounts:token_revoke", args=[token.pk]))

    assert response.status_code == 405
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_the_tokens_page_requires_login(client):
    response = client.get(TOKENS)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_the_token_list_queries_do_not_grow(client, alice, django_assert_num_queries):
    client.force_login(alice)
    for batch in (2, 18):
        for n in range(batch):
            services.token_create(owner=alice, name=f"Token {n}")
        # session, user, tokens
        with django_assert_num_queries(3):
            response = client.get(TOKENS)
        assert len(response.context["tokens"]) == {2: 2, 18: 20}[batch]
