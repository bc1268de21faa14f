"""`migrate` keeps the Editors and Publishers groups complete (issue 10, item 8): its post_migrate
(kernel/roles.py) gives each group the permissions of its role that it lacks, such as those of a model
added since, and never removes one that staff gave the group by hand."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from kernel.roles import EDITORS, PUBLISHERS

pytestmark = pytest.mark.django_db


def permission(label):
    app_label, codename = label.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def codenames(group):
    return {
        f"{app_label}.{codename}"
        for app_label, codename in group.permissions.values_list("content_type__app_label", "codename")
    }


@pytest.mark.parametrize(
    ("name", "lacking", "added_by_staff"),
    [
        (EDITORS, ["projects.change_project", "events.add_speaker"], ["auth.view_user"]),
        (
            PUBLISHERS,
            ["projects.publish_project", "donors.delete_donor"],
            ["auth.view_user", "auth.view_group"],
        ),
    ],
)
def test_migrate_gives_a_group_what_its_role_lacks_and_keeps_what_staff_added(name, lacking, added_by_staff):
    group = Group.objects.get(name=name)
    complete = codenames(group)
    assert set(lacking) <= complete  # the role's own, as the migrations left it
    assert not set(added_by_staff) & complete
    group.permissions.remove(*(permission(label) for label in lacking))
    group.permissions.add(*(permission(label) for label in added_by_staff))

    call_command("migrate", interactive=False, verbosity=0)

    assert codenames(group) == complete | set(added_by_staff)


def test_migrate_leaves_other_groups_alone():
    reviewers = Group.objects.create(name="Reviewers")
    reviewers.permissions.add(permission("projects.view_project"))
    call_command("migrate", interactive=False, verbosity=0)
    assert codenames(reviewers) == {"projects.view_project"}
