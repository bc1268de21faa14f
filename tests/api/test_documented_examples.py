"""The examples of docs/api.md, run against the seed: every `curl` in it answers as a client would
expect (a 2xx), and the response the guide prints is what the first request returns."""

import json
import re
import shlex
from pathlib import Path

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "api.md"
SITE = "https://partners.ilo.org"
ELLIPSIS = "…"


def blocks(language):
    return re.findall(rf"```{language}\n(.*?)```", GUIDE.read_text(), re.S)


def curl_commands():
    """Each `curl` of the guide's shell examples, as its list of arguments."""
    commands = []
    for block in blocks("sh"):
        text = block.replace("\\\n", " ")
        for line in text.splitlines():
            line = line.split(" | ")[0]  # `curl … | grep …`: the request is the curl
            match = re.search(r"(?:^|\$\()\s*curl (.*)", line)
            if match:
                commands.append(shlex.split(match.group(1).rstrip(")")))
    return commands


def parse(arguments):
    method, headers, data, url = None, {}, None, None
    items = iter(arguments)
    for argument in items:
        if argument == "-X":
            method = next(items)
        elif argument == "-H":
            name, value = next(items).split(":", 1)
            headers[name.strip()] = value.strip()
        elif argument == "-d":
            data = next(items)
        elif argument == "-o":
            next(items)
        elif argument in ("-sI", "-I"):
            method = "HEAD"
        elif argument.startswith("https://"):
            url = argument
    return method or ("POST" if data is not None else "GET"), headers, data, url


def matches(documented, actual):
    """Whether what the guide shows is what the API answers: "…" stands for anything, a list that
    ends with "…" for a list that begins with the items shown, an object for one holding (at least)
    the keys shown, with these values."""
    if documented == ELLIPSIS:
        return True
    if isinstance(documented, dict):
        return isinstance(actual, dict) and all(
            key in actual and matches(value, actual[key]) for key, value in documented.items()
        )
    if isinstance(documented, list):
        if documented and documented[-1] == ELLIPSIS:
            shown = documented[:-1]
            return (
                isinstance(actual, list)
                and len(actual) >= len(shown)
                and matches(shown, actual[: len(shown)])
            )
        return (
            isinstance(actual, list)
            and len(documented) == len(actual)
            and all(matches(one, other) for one, other in zip(documented, actual, strict=True))
        )
    if isinstance(documented, str) and isinstance(actual, str):
        return documented == actual.replace("http://testserver", SITE)
    return documented == actual


def test_the_guide_has_its_examples():
    commands = curl_commands()
    assert len(commands) >= 6
    assert commands[0] == ["https://partners.ilo.org/api/v1/projects/?country=NP"]


def test_the_first_example_returns_what_the_guide_shows(seed):
    url = curl_commands()[0][0]
    response = APIClient().get(url.removeprefix(SITE), HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    documented = json.loads(blocks("json")[0])
    body = response.json()
    assert body["count"] == documented["count"] == len(body["results"])
    assert matches(documented, body), json.dumps(body, indent=2, ensure_ascii=False)


def test_the_second_list_example_finds_something(seed):
    for arguments in curl_commands()[:3]:
        _, _, _, url = parse(arguments)
        response = APIClient().get(url.removeprefix(SITE))
        assert response.status_code == 200, url
        if "format=csv" in url:
            assert response["Content-Type"].startswith("text/csv")
            lines = b"".join(response.streaming_content).decode().splitlines()
            assert len(lines) == 2  # the header and Nepal's one project
        else:
            assert response.json()["count"] >= 1, url


def test_every_curl_in_the_guide_succeeds(seed):
    """The reads anonymously, the writes with a superuser's token (the documented token is replaced
    by a real one), each write with the ETag just read."""
    user = UserFactory(is_staff=True, is_superuser=True)
    token = Token.objects.create(user=user).key
    client = APIClient()
    for arguments in curl_commands():
        method, headers, data, url = parse(arguments)
        path = url.removeprefix(SITE)
        extra = {}
        for name, value in headers.items():
            value = re.sub(r"Token (\$TOKEN|[0-9a-f]{40})", f"Token {token}", value)
            if value == "$ETAG":
                value = client.get(path, HTTP_AUTHORIZATION=f"Token {token}")["ETag"]
            extra["HTTP_" + name.upper().replace("-", "_")] = value
        content_type = extra.pop("HTTP_CONTENT_TYPE", None)
        if content_type:
            extra["content_type"] = content_type
        response = getattr(client, method.lower())(path, data=data, **extra)
        assert 200 <= response.status_code < 300, (arguments, response.status_code, response.content[:500])


def test_the_documented_request_bodies_are_accepted(seed):
    """The JSON bodies the guide shows for writes (a contribution) are created as shown."""
    user = UserFactory(is_staff=True, is_superuser=True)
    client = APIClient()
    client.force_authenticate(user)
    body = next(json.loads(block) for block in blocks("json") if '"voluntary-core"' in block)
    response = client.post("/api/v1/contributions/", body, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["kind_label"] == "Voluntary, core (RBSA)"
