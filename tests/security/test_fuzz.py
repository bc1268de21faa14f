"""Arbitrary query strings on every public list and every API list never cause a server error.

Keys are each list's real filter names plus random ones, repeated at will; values are any text
(control characters and NUL included), huge numbers and long runs of digits.
"""

import contextlib
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.urls import NoReverseMatch, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from tests.factories import ContributionFactory, EventFactory, OrganisationFactory, ProjectFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_throttling")]

COMMON = ["q", "page", "page_size", "sort", "format", "year", "country", "region", "theme"]
PAGES = {
    "donors:list": ["kind", "featured"],
    "organisations:list": ["category", "type", "donor"],
    "projects:list": ["donor", "sdg", "status"],
    "events:list": ["when", "kind", "organiser", "donor"],
    "search": [],
}
API = {
    "donors": ["kind", "featured"],
    "contributions": ["donor", "kind"],
    "organisations": ["category", "type", "donor"],
    "projects": ["donor", "sdg", "status"],
    "events": ["when", "kind", "organiser", "donor"],
    "people": ["organisation"],
    "countries": [],
    "regions": [],
    "themes": [],
    "sdgs": [],
}
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def values():
    return st.one_of(
        st.text(max_size=60),
        st.text(alphabet=st.characters(codec="utf-8"), max_size=20),
        st.sampled_from(["\x00", "a\x00b", "\r\n", "-1", "0", "1e309", "NaN", "inf", "2015", "np", "%"]),
        st.integers().map(str),
        st.integers(min_value=10**18, max_value=10**400).map(str),
        st.text(alphabet="0123456789", min_size=15, max_size=400),
        st.sampled_from(["start", "-start", "title", "-budget", "name", "member-since", "__class__"]),
    )


def query(known):
    keys = st.one_of(st.sampled_from(COMMON + known), st.text(max_size=12))
    return st.lists(st.tuples(keys, values()), max_size=8)


def encoded(pairs):
    """A query string as a browser would send it, repeated keys and all."""
    return urlencode(pairs)


@pytest.fixture
def records():
    ProjectFactory(countries=["NP"], themes=["informal-economy"])
    organisation = OrganisationFactory()
    ContributionFactory(channel=organisation)
    EventFactory()


def routed_pages():
    urls = []
    for name, known in PAGES.items():
        with contextlib.suppress(NoReverseMatch):
            urls.append((reverse(name), known))
    return urls


@pytest.mark.parametrize(("url", "known"), routed_pages(), ids=lambda value: str(value))
def test_public_lists_never_fail(client, records, url, known):
    @FUZZ
    @given(pairs=query(known))
    def check(pairs):
        response = client.get(f"{url}?{encoded(pairs)}")
        assert response.status_code < 500, (url, pairs)

    check()


@pytest.mark.parametrize("name", list(API))
def test_api_lists_never_fail_and_answer_json(records, name):
    client = APIClient()

    @FUZZ
    @given(pairs=query(API[name]))
    def check(pairs):
        cache.clear()
        pairs = [(key, value) for key, value in pairs if key != "format"]
        response = client.get(f"/api/v1/{name}/?{encoded(pairs)}", HTTP_ACCEPT="application/json")
        assert response.status_code < 500, (name, pairs)
        assert response["Content-Type"].startswith("application/json"), (name, pairs)
        response.json()

    check()


@pytest.mark.parametrize("name", list(API))
def test_api_csv_lists_never_fail(records, name):
    client = APIClient()

    @FUZZ
    @given(pairs=query(API[name]))
    def check(pairs):
        response = client.get(f"/api/v1/{name}/?{encoded([*pairs, ('format', 'csv')])}")
        assert response.status_code < 500, (name, pairs)

    check()
