"""The visibility rule itself (kernel/visibility.py): who sees drafts, and what each relation does
with a far end the reader may not see."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured

from donors.models import Contribution, Donor
from events.models import Event, Organiser, Speaker
from kernel import visibility
from kernel.publishing import Status
from organisations.models import Organisation, Person
from projects.models import Participant, Project
from tests.factories import (
    ContributionFactory,
    DonorFactory,
    OrganisationFactory,
    ParticipantFactory,
    ProjectFactory,
    UserFactory,
)

DRAFT = {"publication_status": Status.DRAFT, "published_at": None}


def names(fields):
    return {field.name for field in fields}


@pytest.mark.parametrize(
    ("model", "hidden_with", "shown_without"),
    [
        # A part goes with the record it cannot be without...
        (Participant, {"project", "organisation"}, set()),
        (Organiser, {"event", "organisation"}, set()),
        (Speaker, {"event", "person"}, {"organisation"}),
        (Contribution, {"donor"}, {"channel"}),
        # ...and a link a record may lack reads as empty.
        (Organisation, set(), {"parent", "donor"}),
        (Person, set(), {"organisation"}),
        (Project, set(), {"parent"}),
        (Event, set(), {"parent"}),
        (Donor, set(), set()),
    ],
)
def test_each_relation_has_its_rule(model, hidden_with, shown_without):
    assert names(visibility.required_links(model)) == hidden_with
    assert names(visibility.optional_links(model)) == shown_without


@pytest.mark.django_db
def test_active_staff_see_drafts_and_no_one_else_does():
    assert visibility.sees_drafts(UserFactory(is_staff=True))
    assert not visibility.sees_drafts(UserFactory(is_staff=True, is_active=False))
    assert not visibility.sees_drafts(UserFactory())
    assert not visibility.sees_drafts(AnonymousUser())
    assert not visibility.sees_drafts(None)


@pytest.mark.django_db
def test_a_part_is_visible_with_its_far_end():
    staff = UserFactory(is_staff=True)
    project = ProjectFactory()
    shown = ParticipantFactory(project=project)
    hidden = ParticipantFactory(project=project, organisation=OrganisationFactory(**DRAFT))
    assert list(Participant.objects.visible_to(None)) == [shown]
    assert set(Participant.objects.visible_to(staff)) == {shown, hidden}
    assert visibility.is_visible(Participant.objects.select_related("organisation").get(pk=shown.pk), None)
    assert not visibility.is_visible(
        Participant.objects.select_related("organisation").get(pk=hidden.pk), None
    )
    assert visibility.is_visible(hidden, staff)


@pytest.mark.django_db
def test_a_link_to_a_hidden_record_reads_as_empty():
    staff = UserFactory(is_staff=True)
    draft_channel = OrganisationFactory(**DRAFT)
    contribution = ContributionFactory(donor=DonorFactory(), channel=draft_channel)
    ContributionFactory(donor=DonorFactory(**DRAFT))  # hidden with its donor

    def fetched(user):
        link = visibility.prefetch("channel", Organisation.objects.all(), user)
        return list(Contribution.objects.visible_to(user).prefetch_related(link))

    (public,) = fetched(None)
    assert public == contribution and public.channel is None
    assert {row.channel for row in fetched(staff)} == {draft_channel, None}


def test_a_join_to_a_link_that_may_hide_a_draft_is_refused():
    with pytest.raises(ImproperlyConfigured, match="channel"):
        visibility.prefetch("contributions", Contribution.objects.select_related("channel"), None)
    with pytest.raises(ImproperlyConfigured, match="organisation__parent"):
        visibility.prefetch("participants", Participant.objects.select_related("organisation__parent"), None)
    # A join to a part's required far end is fine: the part is hidden with it.
    visibility.prefetch("participants", Participant.objects.select_related("organisation"), None)
