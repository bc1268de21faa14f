"""Fixtures for the API tests: an API client, clients signed in with a token, throttles out of the way,
and the projects the project resource's tests read and write."""

import datetime

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from projects.models import Project
from tests.factories import DonorFactory, ProjectFactory, sdg


@pytest.fixture(autouse=True)
def _no_throttling_between_tests(no_throttling):
    """Each test starts with throttle counts at zero, at rates no test reaches (tests/conftest.py).

    The throttling tests set their own low rates.
    """


@pytest.fixture
def api():
    """An anonymous client."""
    return APIClient()


def client_for(user):
    client = APIClient()
    token = Token.objects.create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def editor_api(editor):
    return client_for(editor)


@pytest.fixture
def publisher_api(publisher):
    return client_for(publisher)


# The records of the project resource's tests (test_projects.py, test_project_writes.py).


@pytest.fixture
def japan():
    return DonorFactory(slug="japan", name="Japan")


@pytest.fixture
def projects(japan):
    korea = DonorFactory(slug="republic-of-korea", name="Republic of Korea")
    informality = ProjectFactory(
        slug="way-out-of-informality",
        title="Way out of Informality",
        countries=["BD", "IN", "NP"],
        themes=["informal-economy"],
        donors=[japan],
        status=Project.Status.CLOSED,
        start_date=datetime.date(2012, 1, 1),
        end_date=datetime.date(2017, 12, 31),
        budget_usd="9500000.00",
    )
    informality.sdgs.add(sdg(8))
    nepal_now = ProjectFactory(
        slug="nepal-sse",
        title="Social and solidarity economy in Nepal",
        countries=["NP"],
        themes=["social-solidarity-economy"],
        donors=[korea],
        status=Project.Status.IMPLEMENTATION,
        start_date=datetime.date(2022, 1, 1),
        end_date=None,
        budget_usd="1200000.00",
    )
    fiji = ProjectFactory(
        slug="resilient-fiji",
        title="Resilient Employment in Fiji",
        countries=["FJ"],
        themes=["crisis-response"],
        donors=[japan],
        status=Project.Status.IMPLEMENTATION,
        start_date=datetime.date(2016, 1, 1),
        end_date=None,
    )
    return {"informality": informality, "nepal": nepal_now, "fiji": fiji}
