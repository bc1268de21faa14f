"""The content version cached responses are keyed by, and the tokens of its slices."""

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
    # Raised at every renewal (one more, at least the time in microseconds), so that copies of the
    # version are ordered (kernel/version_copy.py).
    serial = models.BigIntegerField(default=0)

    class Meta:
        default_permissions = ()

    def __str__(self):
        return self.token


class ContentSlice(models.Model):
    """A token per slice of the sliced model's rows (a range of 1,024 primary keys of projects),
    renewed with the content version by a change to a row of the slice or to a row that belongs
    to one (its budgets, its links to countries…); the row `shared` is renewed by every other
    change. Sums over every project are kept per slice (`kernel.versioning.remember_sliced`), so
    the first reader after an edit counts the edited slice again, not the whole table."""

    key = models.CharField(max_length=40, primary_key=True)
    token = models.CharField(max_length=32)

    class Meta:
        default_permissions = ()

    def __str__(self):
        return f"{self.key}: {self.token}"
