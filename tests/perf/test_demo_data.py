"""generate_demo_data fills every relation, with drafts among the records."""

import pytest
from django.core.management import CommandError, call_command

from donors.models import Contribution, Donor
from events.models import Event, Organiser, Speaker
from kernel.publishing import Status
from organisations.models import Organisation, Person
from projects.models import Participant, Project, Result

pytestmark = pytest.mark.django_db


def test_generates_the_requested_numbers_with_every_relation_used():
    call_command("generate_demo_data", projects=120, events=40, donors=6, quiet_progress=True, verbosity=0)
    assert Project.objects.count() == 120
    assert Event.objects.count() == 40
    assert Donor.objects.count() == 6
    assert Contribution.objects.exists()
    assert Organisation.objects.filter(parent__isnull=False).exists()
    assert Project.objects.filter(parent__isnull=False).exists()
    assert Project.objects.filter(countries__isnull=False).distinct().count() == 120
    assert Project.objects.filter(themes__isnull=False, sdgs__isnull=False, donors__isnull=False).exists()
    assert Participant.objects.filter(role=Participant.Role.FUNDING).count() == 120
    assert Result.objects.exists()
    assert Organiser.objects.count() == 80
    assert Speaker.objects.exists()
    assert Event.objects.filter(parent__isnull=False).exists()
    assert Project.objects.filter(publication_status=Status.DRAFT).exists()
    assert Project.objects.published().count() < 120


def test_same_seed_gives_the_same_data():
    call_command("generate_demo_data", projects=30, events=5, donors=3, quiet_progress=True, verbosity=0)
    first = list(Project.objects.order_by("slug").values_list("title", "status", "start_date"))
    for model in (Event, Project, Organisation):  # children before the parents they protect
        model.objects.filter(parent__isnull=False).delete()
        model.objects.all().delete()
    Person.objects.all().delete()
    Donor.objects.all().delete()
    call_command("generate_demo_data", projects=30, events=5, donors=3, quiet_progress=True, verbosity=0)
    assert list(Project.objects.order_by("slug").values_list("title", "status", "start_date")) == first


def test_refuses_to_run_twice():
    call_command("generate_demo_data", projects=5, events=0, donors=1, quiet_progress=True, verbosity=0)
    with pytest.raises(CommandError, match="already present"):
        call_command("generate_demo_data", projects=5, events=0, donors=1, quiet_progress=True, verbosity=0)
