"""Event rules: order of start and end, time zones, upcoming and past."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from events.models import Event
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def test_end_before_start_is_refused():
    event = EventFactory()
    event.end = event.start - datetime.timedelta(hours=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        event.save()


def test_unknown_time_zone_is_a_validation_error():
    event = EventFactory.build(timezone="Mars/Olympus_Mons")
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "timezone" in error.value.message_dict


def test_upcoming_and_past():
    now = timezone.now()
    future = EventFactory(start=now + datetime.timedelta(days=3))
    running = EventFactory(start=now - datetime.timedelta(days=1), end=now + datetime.timedelta(days=1))
    over = EventFactory(start=now - datetime.timedelta(days=3), end=now - datetime.timedelta(days=2))
    assert set(Event.objects.upcoming()) == {future, running}
    assert set(Event.objects.past()) == {over}


def test_when_is_shown_in_the_events_own_time_zone():
    event = EventFactory.build(
        start=datetime.datetime(2022, 12, 2, 5, 0, tzinfo=datetime.UTC),
        end=datetime.datetime(2022, 12, 2, 8, 0, tzinfo=datetime.UTC),
        timezone="Asia/Tokyo",
    )
    assert event.when == "2 December 2022, 14:00–17:00 (Asia/Tokyo)"


def test_when_at_day_precision_shows_no_time():
    event = EventFactory.build(
        start=datetime.datetime(2022, 12, 1, 15, 0, tzinfo=datetime.UTC),
        timezone="Asia/Tokyo",
        precision="day",
    )
    assert event.when == "2 December 2022"


def test_absolute_url():
    assert EventFactory.build(slug="sse-seminar").get_absolute_url() == "/events/sse-seminar/"
