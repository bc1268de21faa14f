"""The two staff groups every install has: Editors and Publishers.

Editors add and change content but cannot publish, unpublish or delete it; Publishers can do all
of that. After every migrate each group is given the permissions of its role that it lacks, so a new
model's permissions reach them without a hand-written migration; a permission staff added to a group
stays. The groups are managed: a role's own permission removed by hand comes back at the next
migrate (make another group for a narrower role).
"""

from django.apps import apps as global_apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

EDITORS = "Editors"
PUBLISHERS = "Publishers"

# The apps whose models staff curate.
CONTENT_APPS = ("organisations", "donors", "projects", "events")
# Reference data: editors may add themes or fix a country name; only publishers delete.
REFERENCE_APP = "taxonomy"


def content_models():
    for label in (*CONTENT_APPS, REFERENCE_APP):
        yield from global_apps.get_app_config(label).get_models()


def permissions_for(actions):
    models = list(content_models())
    content_types = ContentType.objects.get_for_models(*models).values()
    codenames = {f"{action}_{model._meta.model_name}" for model in models for action in actions}
    return Permission.objects.filter(content_type__in=content_types, codename__in=codenames)


def ensure_staff_groups(sender=None, **kwargs):
    """Create or refresh the Editors and Publishers groups (idempotent)."""
    # post_migrate is sent once per app, and each app's permissions exist only after its own
    # signal; refreshing after each content app means the last one leaves the groups complete.
    if sender is not None and sender.label not in (*CONTENT_APPS, REFERENCE_APP):
        return
    # Added, never set: a permission staff gave a group by hand stays after the next migrate.
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.add(*permissions_for(("view", "add", "change")))
    publishers, _ = Group.objects.get_or_create(name=PUBLISHERS)
    publishers.permissions.add(*permissions_for(("view", "add", "change", "delete", "publish")))
