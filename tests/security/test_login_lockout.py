"""Admin sign-in is protected against guessing (django-axes): five failures for a username from one
address lock it out for 15 minutes, even with the right password, and every failure is logged."""

import datetime
import logging

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from operations.middleware import client_ip
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

WRONG = "not the password"


def sign_in(client, username, password, address="192.0.2.10"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


@pytest.fixture
def staff(db):
    return UserFactory(username="mhlw-editor", is_staff=True)


def test_the_right_password_signs_in(client, staff):
    response = sign_in(client, staff.username, PASSWORD)
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_five_failures_lock_out_even_the_right_password(client, staff):
    for _ in range(4):
        assert sign_in(client, staff.username, WRONG).status_code == 200
    locked = sign_in(client, staff.username, WRONG)
    assert locked.status_code == 429
    assert b"Sign-in locked" in locked.content

    response = sign_in(client, staff.username, PASSWORD)
    assert response.status_code == 429
    assert b"even with the right password" in response.content
    assert b"15 minutes" in response.content
    assert client.get("/admin/").status_code == 302  # still signed out


def test_failures_are_recorded(client, staff):
    for _ in range(5):
        sign_in(client, staff.username, WRONG)
    attempt = AccessAttempt.objects.get(username=staff.username)
    assert attempt.failures_since_start == 5
    assert attempt.ip_address == "192.0.2.10"
    assert AccessFailureLog.objects.filter(username=staff.username, locked_out=True).exists()
    assert AccessFailureLog.objects.filter(username=staff.username).count() == 5


def test_the_lockout_is_logged(client, staff, caplog):
    with caplog.at_level(logging.WARNING, logger="axes"):
        for _ in range(5):
            sign_in(client, staff.username, WRONG)
    assert any("Locking out" in record.getMessage() for record in caplog.records)


def test_the_lockout_is_per_username_and_address(client, staff):
    other = UserFactory(is_staff=True)
    for _ in range(5):
        sign_in(client, staff.username, WRONG)
    # Another account from the same address, and the same account from elsewhere, still sign in.
    assert sign_in(client, other.username, PASSWORD).status_code == 302
    client.logout()
    assert sign_in(client, staff.username, PASSWORD, address="198.51.100.7").status_code == 302


def test_a_successful_sign_in_starts_the_count_again(client, staff):
    for _ in range(4):
        sign_in(client, staff.username, WRONG)
    assert sign_in(client, staff.username, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert sign_in(client, staff.username, WRONG).status_code == 200


def test_the_lockout_ends_after_fifteen_minutes(client, staff):
    for _ in range(5):
        sign_in(client, staff.username, WRONG)
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    assert sign_in(client, staff.username, PASSWORD).status_code == 302


@pytest.mark.parametrize(
    "proxies, forwarded, expected",
    [
        (0, "203.0.113.5", "10.0.0.2"),  # no trusted proxy: the header is the client's word only
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "6.6.6.6, 203.0.113.5", "203.0.113.5"),  # a forged left-hand entry is ignored
        (2, "203.0.113.5, 10.0.0.9", "203.0.113.5"),
        (2, "203.0.113.5", "10.0.0.2"),  # fewer entries than proxies: not trusted
    ],
)
def test_the_client_address_behind_a_proxy(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected
