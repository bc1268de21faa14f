"""The map is built and rendered once per change of content and set of inputs, never shared across
different figures, links or languages."""

import pytest
from django.http import QueryDict
from django.utils import translation

from kernel import maps
from kernel.versioning import bump_content_version

pytestmark = pytest.mark.django_db


def test_the_same_inputs_build_the_map_once_and_others_build_their_own(monkeypatch):
    built = []
    real = maps._world_map
    monkeypatch.setattr(maps, "_world_map", lambda *args, **kwargs: built.append(1) or real(*args, **kwargs))
    first = maps.world_map({"NP": 2})
    again = maps.world_map({"NP": 2})
    assert len(built) == 1 and first == again
    assert maps.drawn(first) == maps.drawn(again)

    other_figures = maps.world_map({"NP": 3})
    other_links = maps.world_map({"NP": 2}, link=maps.adding_to(QueryDict("donor=japan"), "/projects/"))
    with translation.override("fr"):
        french = maps.world_map({"NP": 2})
    assert len(built) == 4
    assert len({first.key, other_figures.key, other_links.key, french.key}) == 4
    assert "donor=japan" in maps.drawn(other_links) and "donor=japan" not in maps.drawn(first)
    assert "Népal" in maps.drawn(french)

    bump_content_version()  # a change of content: built again
    maps.world_map({"NP": 2})
    assert len(built) == 5
