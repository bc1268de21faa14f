"""The interface languages of the public pages: their addresses, the `lang` attribute, the
first-visit redirect, the switcher, the `hreflang` alternates and the response cache."""

import re

import lxml.html
import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory, override_settings
from django.utils import translation

from operations.caching import response_key
from tests.factories import DonorFactory, ProjectFactory

pytestmark = pytest.mark.django_db

BROWSER = {
    "HTTP_ACCEPT": "text/html,application/xhtml+xml,*/*;q=0.8",
    "HTTP_USER_AGENT": "Mozilla/5.0 Firefox/132.0",
}
HEADINGS = {
    "en": "Development partners of the ILO",
    "fr": "Les partenaires de développement de l’OIT",
    "es": "Socios para el desarrollo de la OIT",
    "ja": "ILO の開発パートナー",
}


@pytest.fixture
def content():
    japan = DonorFactory(name="Japan", slug="japan", featured=True)
    ProjectFactory(title="Nepal formalization", slug="nepal-formalization", countries=["NP"], donors=[japan])


def page(response):
    return lxml.html.fromstring(response.content)


@pytest.mark.parametrize("language, prefix", [("en", ""), ("fr", "/fr"), ("es", "/es"), ("ja", "/ja")])
def test_each_language_has_its_own_addresses_and_speaks_it(client, content, language, prefix):
    response = client.get(f"{prefix}/")
    assert response.status_code == 200
    assert response["Content-Language"] == language
    html = page(response)
    assert html.get("lang") == language
    assert html.findtext(".//h1") == HEADINGS[language]
    # Every internal link stays in the language.
    nav = [a.get("href") for a in html.findall(".//nav[@class='site-nav']//a")]
    assert nav == [
        f"{prefix}/donors/",
        f"{prefix}/projects/",
        f"{prefix}/events/",
        f"{prefix}/donors/organisations/",
    ]
    assert html.find(".//form[@role='search']").get("action") == f"{prefix}/search/"
    for path in (
        "/projects/",
        "/projects/nepal-formalization/",
        "/donors/japan/",
        "/events/",
        "/search/?q=nepal",
    ):
        response = client.get(prefix + path)
        assert response.status_code == 200, path
        assert page(response).get("lang") == language
        assert f'href="{prefix}/projects/nepal-formalization/"' in response.text or "nepal" not in path


def test_english_stays_at_the_unprefixed_addresses(client, content):
    response = client.get("/projects/nepal-formalization/", **BROWSER)
    assert response.status_code == 200
    assert page(response).get("lang") == "en"
    assert client.get("/en/projects/").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/projects/",
        "/feeds/projects/",
        "/sitemap.xml",
        "/robots.txt",
        "/healthz",
        "/events/calendar.ics",
    ],
)
def test_what_is_the_same_in_every_language_keeps_its_one_address(client, content, path):
    assert client.get(path, HTTP_ACCEPT_LANGUAGE="fr").status_code == 200
    if not path.startswith("/events/"):
        assert client.get("/fr" + path).status_code == 404


def test_the_first_visit_follows_accept_language(client, content):
    response = client.get("/projects/?country=NP", HTTP_ACCEPT_LANGUAGE="ja,en;q=0.5", **BROWSER)
    assert response.status_code == 302
    assert response["Location"] == "/ja/projects/?country=NP"
    assert {"Accept-Language", "Cookie"} <= set(re.split(r",\s*", response["Vary"]))
    # A regional form, a language the site lacks first, English first.
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="es-MX", **BROWSER)["Location"] == "/es/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de,fr;q=0.8", **BROWSER)["Location"] == "/fr/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,fr;q=0.8", **BROWSER).status_code == 200
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de", **BROWSER).status_code == 200


@pytest.mark.parametrize(
    "extra",
    [
        {"HTTP_USER_AGENT": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"},
        {"HTTP_ACCEPT": "application/rss+xml"},
        {"HTTP_USER_AGENT": "curl/8.5.0", "HTTP_ACCEPT": "*/*"},
    ],
)
def test_crawlers_and_non_browsers_are_never_redirected(client, content, extra):
    response = client.get("/projects/", HTTP_ACCEPT_LANGUAGE="fr", **{**BROWSER, **extra})
    assert response.status_code == 200
    assert page(response).get("lang") == "en"


def test_addresses_of_every_language_are_never_redirected(client, content):
    for path in ("/api/v1/projects/", "/feeds/projects/", "/events/calendar.ics", "/admin/login/"):
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="fr", **BROWSER)
        assert response.status_code == 200, path
    assert client.get("/fr/projects/", HTTP_ACCEPT_LANGUAGE="ja", **BROWSER).status_code == 200


def test_the_switcher_keeps_the_page_and_its_filters_and_remembers_the_choice(client, content):
    html = page(client.get("/projects/?country=NP&sort=title", **BROWSER))
    links = {a.get("lang"): a for a in html.findall(".//nav[@class='language-switcher']//a")}
    assert [a.text for a in links.values()] == ["English", "Français", "Español", "日本語"]
    assert links["en"].get("aria-current") == "true"
    response = client.get(links["fr"].get("href"))
    assert response.status_code == 302
    assert response["Location"] == "/fr/projects/?country=NP&sort=title"
    assert response.cookies["language"].value == "fr"
    # From French back to English: the unprefixed address, and the choice then wins over the browser.
    html = page(client.get("/fr/projects/?country=NP&sort=title", **BROWSER))
    english = html.find(".//nav[@class='language-switcher']//a[@lang='en']").get("href")
    response = client.get(english)
    assert response["Location"] == "/projects/?country=NP&sort=title"
    assert response.cookies["language"].value == "en"
    assert client.get("/projects/", HTTP_ACCEPT_LANGUAGE="fr", **BROWSER).status_code == 200


@pytest.mark.parametrize("prefix", ["", "/fr", "/es", "/ja"])
def test_the_switcher_names_each_language_in_itself_on_every_page(client, content, prefix):
    html = page(client.get(f"{prefix}/donors/"))
    links = html.findall(".//nav[@class='language-switcher']//a")
    assert [(a.get("lang"), a.text) for a in links] == [
        ("en", "English"),
        ("fr", "Français"),
        ("es", "Español"),
        ("ja", "日本語"),
    ]
    assert [a.get("lang") for a in links if a.get("aria-current")] == [prefix.strip("/") or "en"]


def test_the_cookie_overrides_accept_language(client, content):
    client.cookies["language"] = "es"
    assert client.get("/donors/", HTTP_ACCEPT_LANGUAGE="fr", **BROWSER)["Location"] == "/es/donors/"
    client.cookies["language"] = "en"
    assert client.get("/donors/", HTTP_ACCEPT_LANGUAGE="fr", **BROWSER).status_code == 200
    client.cookies["language"] = "xx"  # not a language of the site: the browser's decides
    assert client.get("/donors/", HTTP_ACCEPT_LANGUAGE="fr", **BROWSER)["Location"] == "/fr/donors/"


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/", "", "javascript:alert(1)"])
def test_the_switcher_never_sends_elsewhere(client, next_url):
    response = client.get("/language/fr/", {"next": next_url})
    assert response["Location"] == "/fr/"


def test_the_switcher_refuses_an_unknown_language(client):
    assert client.get("/language/de/?next=/").status_code == 404


def test_every_page_head_names_its_alternates(client, content):
    html = page(client.get("/es/projects/nepal-formalization/"))
    alternates = {
        link.get("hreflang"): link.get("href") for link in html.findall(".//head/link[@rel='alternate']")
    }
    base = "http://testserver"
    assert {k: v for k, v in alternates.items() if k} == {
        "en": f"{base}/projects/nepal-formalization/",
        "fr": f"{base}/fr/projects/nepal-formalization/",
        "es": f"{base}/es/projects/nepal-formalization/",
        "ja": f"{base}/ja/projects/nepal-formalization/",
        "x-default": f"{base}/projects/nepal-formalization/",
    }
    assert (
        html.find(".//head/link[@rel='canonical']").get("href") == f"{base}/es/projects/nepal-formalization/"
    )


def test_the_sitemap_lists_every_language_with_its_alternates(client, content):
    xml = client.get("/sitemap-projects.xml").content.decode()
    for prefix in ("", "/fr", "/es", "/ja"):
        assert f"<loc>http://testserver{prefix}/projects/nepal-formalization/</loc>" in xml
    assert 'hreflang="ja" href="http://testserver/ja/projects/nepal-formalization/"' in xml
    assert 'hreflang="x-default" href="http://testserver/projects/nepal-formalization/"' in xml
    pages = client.get("/sitemap-pages.xml").content.decode()
    assert "<loc>http://testserver/fr/</loc>" in pages and "<loc>http://testserver/</loc>" in pages


def test_the_404_page_speaks_the_language_of_its_address(client):
    response = client.get("/fr/projects/no-such-project/")
    assert response.status_code == 404
    html = page(response)
    assert html.get("lang") == "fr"
    assert html.findtext(".//h1") == "Page introuvable"
    assert html.find(".//main//a").get("href") == "/fr/"


@override_settings(DEBUG_PROPAGATE_EXCEPTIONS=False)
def test_the_500_page_speaks_the_language_and_links_in_it():
    with translation.override("ja"):
        html = lxml.html.fromstring(render_to_string("500.html"))
    assert html.get("lang") == "ja"
    assert html.findtext(".//h1") == "エラーが発生しました"
    assert [a.get("href") for a in html.findall(".//main//a")] == [
        "/ja/",
        "/ja/donors/",
        "/ja/projects/",
        "/ja/events/",
    ]
    with translation.override("en"):
        html = lxml.html.fromstring(render_to_string("500.html"))
    assert [a.get("href") for a in html.findall(".//main//a")] == ["/", "/donors/", "/projects/", "/events/"]


class TestTheResponseCache:
    @pytest.fixture(autouse=True)
    def _cache_on(self, settings):
        settings.RESPONSE_CACHE_SECONDS = 300

    def test_a_page_is_cached_per_language(self, client, content):
        english = client.get("/projects/")
        french = client.get("/fr/projects/")
        assert (english["X-Cache"], french["X-Cache"]) == ("miss", "miss")
        again = client.get("/projects/")
        assert again["X-Cache"] == "hit"
        assert page(again).get("lang") == "en"
        assert page(client.get("/fr/projects/")).get("lang") == "fr"

    def test_a_cached_english_page_is_never_served_to_a_french_browser(self, client, content):
        assert client.get("/projects/", **BROWSER)["X-Cache"] == "miss"
        assert client.get("/projects/", **BROWSER)["X-Cache"] == "hit"
        response = client.get("/projects/", HTTP_ACCEPT_LANGUAGE="fr", **BROWSER)
        assert response.status_code == 302 and response["Location"] == "/fr/projects/"
        response = client.get("/fr/projects/", HTTP_ACCEPT_LANGUAGE="fr", **BROWSER)
        assert page(response).get("lang") == "fr"

    def test_an_api_answer_is_cached_per_language(self, client, content):
        english = client.get("/api/v1/projects/")
        french = client.get("/api/v1/projects/", HTTP_ACCEPT_LANGUAGE="fr")
        assert english["Content-Language"] == "en" and french["Content-Language"] == "fr"
        request = RequestFactory().get("/api/v1/projects/")
        keys = set()
        for language in ("en", "fr", "es", "ja"):
            with translation.override(language):
                keys.add(response_key(request))
        assert len(keys) == 4


def test_an_unprefixed_page_varies_on_language_and_cookie_for_every_client(client, content):
    for extra in (BROWSER, {"HTTP_USER_AGENT": "curl/8.5.0"}):
        vary = set(re.split(r",\s*", client.get("/projects/", **extra)["Vary"]))
        assert {"Accept-Language", "Cookie"} <= vary
