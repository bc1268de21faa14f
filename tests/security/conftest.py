"""Fixtures for the security tests: the API clients of tests/api (throttles out of the way with the
`no_throttling` fixture of tests/conftest.py)."""

from tests.api.conftest import api, client_for, editor_api, publisher_api  # noqa: F401
