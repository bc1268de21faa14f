"""A foreign key to a row a writer knows exists (`kernel.constraints.known_rows`) is not asked of the
database again; any other key is checked as Django checks it, with the same error."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kernel.constraints import known_rows
from organisations.models import Organisation
from projects.models import Participant, Project
from tests.factories import OrganisationFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def cleaning_errors(record):
    """(the errors of clean_fields, the number of queries it ran)."""
    with CaptureQueriesContext(connection) as queries:
        try:
            record.clean_fields()
        except ValidationError as error:
            return error.message_dict, len(queries)
    return None, len(queries)


def test_keys_to_known_rows_are_not_asked_of_the_database():
    project, organisation = ProjectFactory(), OrganisationFactory()
    participant = Participant(project=project, organisation=organisation, role=Participant.Role.FUNDING)

    assert cleaning_errors(participant) == (None, 2)  # Django's own: one query a key
    with known_rows({Project: {project.pk}, Organisation: {organisation.pk}}):
        assert cleaning_errors(participant) == (None, 0)
    with known_rows({Project: {project.pk}}):
        assert cleaning_errors(participant) == (None, 1)


def test_a_key_to_a_row_not_known_is_checked_with_djangos_error():
    project = ProjectFactory()
    participant = Participant(project=project, organisation_id=999_999, role=Participant.Role.FUNDING)

    djangos, _ = cleaning_errors(participant)
    with known_rows({Project: {project.pk}, Organisation: {1, 2}}):
        ours, queries = cleaning_errors(participant)

    assert ours == djangos
    assert list(ours) == ["organisation"]
    assert queries == 1


def test_the_other_checks_of_the_fields_still_run():
    project, organisation = ProjectFactory(), OrganisationFactory()
    participant = Participant(project=project, organisation=organisation, role="not a role", note="x" * 301)

    with known_rows({Project: {project.pk}, Organisation: {organisation.pk}}):
        errors, _ = cleaning_errors(participant)

    assert set(errors) == {"role", "note"}
