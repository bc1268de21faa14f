"""The site package's one model: the content version cached responses are keyed by."""

from django.db import models


class ContentVersion(models.Model):
    """A single row (pk 1) that every change to content renews (kernel/versioning.py).

    It lives in the database, not the cache, so that it changes in the same transaction as the
    content: every process and every server reads the same version, and a reader can never see the
    new version with the old rows.
    """

    token = models.CharField(max_length=32)
    # When a record published for a later time becomes visible; only known once `checked`.
    next_change = models.DateTimeField(null=True, blank=True)
    checked = models.BooleanField(default=False)

    class Meta:
        default_permissions = ()

    def __str__(self):
        return self.token
