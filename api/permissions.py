"""Who may do what through the API: anyone reads, staff write as their model permissions allow."""

from rest_framework import permissions


class ModelPermissionsOrReadOnly(permissions.DjangoModelPermissionsOrAnonReadOnly):
    """Reading needs nothing; creating, changing and deleting need the model's add, change and delete
    permissions (the Editors and Publishers groups hold them).

    What a reader sees is decided by `kernel.visibility` (the viewsets' querysets and the
    serializers ask it), and publishing or unpublishing by the serializer, which asks for
    `publish_<model>` (see `api.serializers`).
    """

    def has_permission(self, request, view):
        # A read asks for no permission: answered without building the view's queryset, which
        # DRF builds only to learn its model (it cost a cached answer half its time).
        if request.user and self.perms_map.get(request.method) == []:
            return True
        return super().has_permission(request, view)


def can_publish(user, model):
    """Whether the user may change the publication status or time of records of `model`."""
    return bool(user and user.is_authenticated and user.has_perm(model.publish_permission()))
