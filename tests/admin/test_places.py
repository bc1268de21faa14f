"""Organisers and speakers each hold a place of their own; a speaker's position comes from the person."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from events.models import Organiser, Speaker
from kernel import services
from tests.factories import EventFactory, OrganisationFactory, OrganiserFactory, PersonFactory, SpeakerFactory
from tests.rules.forms import change_form_data

pytestmark = pytest.mark.django_db


def programme(event):
    return list(event.speakers.order_by("order").values_list("person__name", "order"))


def test_a_place_given_twice_is_a_field_error_naming_the_field():
    event = EventFactory()
    SpeakerFactory(event=event, order=1)
    second = Speaker(event=event, person=PersonFactory(), role=Speaker.Role.KEYNOTE, order=1)
    with pytest.raises(ValidationError) as error:
        second.full_clean()
    assert list(error.value.message_dict) == ["order"]
    assert error.value.message_dict["order"] == [
        "Place in the programme: another speaker of this event already has place 1."
    ]
    organiser = Organiser(event=event, organisation=OrganisationFactory(), position=1)
    OrganiserFactory(event=event, position=1)
    with pytest.raises(ValidationError) as error:
        organiser.full_clean()
    assert error.value.message_dict["position"] == [
        "Place: another organiser of this event already has place 1."
    ]


def test_the_database_refuses_a_place_given_twice():
    event = EventFactory()
    SpeakerFactory(event=event, order=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        Speaker.objects.create(event=event, person=PersonFactory(), role=Speaker.Role.KEYNOTE, order=3)


def test_an_empty_place_is_the_next_after_the_last():
    event = EventFactory()
    first = OrganiserFactory(event=event)
    second = OrganiserFactory(event=event)
    assert (first.position, second.position) == (1, 2)
    speaker = Speaker(event=event, person=PersonFactory(), role=Speaker.Role.KEYNOTE)
    speaker.full_clean()
    speaker.save()
    assert speaker.order == 1
    # Another event's list starts afresh.
    assert OrganiserFactory(event=EventFactory()).position == 1


def test_a_speakers_position_is_taken_from_the_person_when_left_empty():
    person = PersonFactory(position="Director, ILO Office for Japan")
    speaker = Speaker(event=EventFactory(), person=person, role=Speaker.Role.OPENING)
    speaker.full_clean()
    assert speaker.position == "Director, ILO Office for Japan"
    speaker.save()
    # What they held at the time stays when the person's record changes later.
    person.position = "Retired"
    person.save()
    speaker.refresh_from_db()
    assert speaker.position == "Director, ILO Office for Japan"
    # A position typed on the programme is kept as typed.
    typed = SpeakerFactory(person=person, position="Guest speaker")
    assert typed.position == "Guest speaker"
    # And the rule holds for what is saved without full_clean (imports, fixtures, factories).
    assert SpeakerFactory(person=person).position == "Retired"


def test_the_api_write_path_takes_the_persons_position_too():
    person = PersonFactory(position="Professor")
    event = EventFactory()
    services.replace_parts(
        event, parts={"speakers": [{"person": person, "role": Speaker.Role.KEYNOTE, "order": 1}]}, user=None
    )
    assert event.speakers.get().position == "Professor"


def test_replace_parts_lets_two_speakers_trade_places():
    event = EventFactory()
    ann, bob = PersonFactory(name="Ann"), PersonFactory(name="Bob")
    SpeakerFactory(event=event, person=ann, order=1)
    SpeakerFactory(event=event, person=bob, order=2)
    role = Speaker.Role.PRESENTATION
    services.replace_parts(
        event,
        parts={
            "speakers": [{"person": ann, "role": role, "order": 2}, {"person": bob, "role": role, "order": 1}]
        },
        user=None,
    )
    assert programme(event) == [("Bob", 1), ("Ann", 2)]


def test_replace_parts_refuses_a_place_given_twice_and_changes_nothing():
    event = EventFactory()
    ann, bob = PersonFactory(name="Ann"), PersonFactory(name="Bob")
    SpeakerFactory(event=event, person=ann, order=1)
    SpeakerFactory(event=event, person=bob, order=2)
    role = Speaker.Role.PRESENTATION
    with pytest.raises(ValidationError) as error:
        services.replace_parts(
            event,
            parts={
                "speakers": [
                    {"person": ann, "role": role, "order": 2},
                    {"person": bob, "role": role, "order": 2},
                ]
            },
            user=None,
        )
    assert error.value.message_dict == {
        "speakers": [
            "Place in the programme: place 2 is given to more than one speaker; "
            "each needs a place of its own."
        ]
    }
    assert programme(event) == [("Ann", 1), ("Bob", 2)]


def test_the_admin_saves_speakers_trading_places(client, superuser):
    event = EventFactory()
    ann, bob, cy = PersonFactory(name="Ann"), PersonFactory(name="Bob"), PersonFactory(name="Cy")
    for order, person in enumerate((ann, bob, cy), start=1):
        SpeakerFactory(event=event, person=person, order=order)
    url = reverse("admin:events_event_change", args=[event.pk])
    client.force_login(superuser)
    page = client.get(url)
    # Cy to the top: the places a drag, or the up and down buttons, or a typist would send.
    data = change_form_data(
        page, **{"speakers-0-order": "2", "speakers-1-order": "3", "speakers-2-order": "1"}
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["inline_admin_formsets"][1].formset.errors
    assert programme(event) == [("Cy", 1), ("Ann", 2), ("Bob", 3)]
    # Deleting one (Cy, now first) and giving its place to another (Bob) in the same save.
    data = change_form_data(client.get(url), **{"speakers-0-DELETE": "on", "speakers-2-order": "1"})
    assert client.post(url, data).status_code == 302
    assert programme(event) == [("Bob", 1), ("Ann", 2)]


def test_the_admin_refuses_a_place_given_twice_naming_the_field(client, superuser):
    event = EventFactory()
    ann, bob = PersonFactory(name="Ann"), PersonFactory(name="Bob")
    SpeakerFactory(event=event, person=ann, order=1)
    SpeakerFactory(event=event, person=bob, order=2)
    url = reverse("admin:events_event_change", args=[event.pk])
    client.force_login(superuser)
    response = client.post(url, change_form_data(client.get(url), **{"speakers-1-order": "1"}))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Place in the programme: place 1 is given to more than one speaker" in page
    assert programme(event) == [("Ann", 1), ("Bob", 2)]


def test_the_admin_fills_an_empty_place_and_the_persons_position(client, superuser):
    event = EventFactory()
    SpeakerFactory(event=event, order=1)
    person = PersonFactory(name="Dee", position="Chair, JASID")
    url = reverse("admin:events_event_change", args=[event.pk])
    client.force_login(superuser)
    data = change_form_data(
        client.get(url),
        **{
            "speakers-TOTAL_FORMS": "2",
            "speakers-1-person": str(person.pk),
            "speakers-1-role": Speaker.Role.CLOSING,
            "speakers-1-order": "",
            "speakers-1-position": "",
        },
    )
    assert client.post(url, data).status_code == 302
    added = event.speakers.get(person=person)
    assert (added.order, added.position) == (2, "Chair, JASID")


def test_the_ordering_controls_are_marked_for_the_script(client, superuser):
    event = EventFactory()
    SpeakerFactory(event=event)
    OrganiserFactory(event=event)
    client.force_login(superuser)
    page = client.get(reverse("admin:events_event_change", args=[event.pk])).content.decode()
    assert 'name="speakers-0-order"' in page and 'name="organisers-0-position"' in page
    assert page.count("js-place") >= 2
    assert "admin-extra/js/ordering.js" in page


def test_two_rows_added_without_places_take_the_next_two(client, superuser):
    event = EventFactory()
    SpeakerFactory(event=event, order=1)
    dee, eve = PersonFactory(name="Dee"), PersonFactory(name="Eve")
    url = reverse("admin:events_event_change", args=[event.pk])
    client.force_login(superuser)
    data = change_form_data(
        client.get(url),
        **{
            "speakers-TOTAL_FORMS": "3",
            "speakers-1-person": str(dee.pk),
            "speakers-1-role": Speaker.Role.CLOSING,
            "speakers-1-order": "",
            "speakers-2-person": str(eve.pk),
            "speakers-2-role": Speaker.Role.CLOSING,
            "speakers-2-order": "",
        },
    )
    assert client.post(url, data).status_code == 302
    assert [name for name, _ in programme(event)][1:] == ["Dee", "Eve"]
    assert [place for _, place in programme(event)] == [1, 2, 3]


def test_parts_sent_without_places_through_the_write_path_take_the_next_ones(superuser):
    from kernel.services import replace_parts

    event = EventFactory()
    first, second = PersonFactory(), PersonFactory()
    replace_parts(
        event,
        user=superuser,
        parts={
            "speakers": [
                {"person_id": first.pk, "role": Speaker.Role.CLOSING, "order": None},
                {"person_id": second.pk, "role": Speaker.Role.CLOSING, "order": 1},
            ]
        },
    )
    assert sorted(event.speakers.values_list("order", flat=True)) == [1, 2]
