"""The content version: one token that every change to content renews, so that nothing computed
from content (cached responses, facet counts, result counts) is ever served stale.

The token lives in a one-row table (`ContentVersion`) rather than in the cache so that it commits
with the content: every worker process and every server reads the same version whichever cache
backend each has, and no reader can pair the new version with the old rows.

It is renewed once per transaction that changed content: the first change in a transaction writes
the new token (so the writer's own later reads see it), and later changes in the same transaction
write nothing more. A change outside any transaction (autocommit) renews it at once. History
models, data migrations' historical models and `pre_*` relation signals never renew it.

A record published for a future time becomes visible without any write: the version remembers when
the next such time is and renews itself when it passes. What moves with the clock alone (an event
becoming past) is at most `COMPUTED_SECONDS` old.
"""

import hashlib
import threading
import uuid

from django.apps import apps as global_apps
from django.core.cache import cache
from django.core.signals import request_started
from django.db import IntegrityError, connection, connections, router, transaction
from django.utils import timezone

# The apps whose rows are content: a change to any of their models renews the version.
CONTENT_APPS = ("organisations", "donors", "projects", "events", "taxonomy")
ROW = 1
# Counts computed from content (facets, result counts) are kept this long at most; any change to
# content replaces them at once, like cached responses.
COMPUTED_SECONDS = 5 * 60

# The version read once per request (and per thread): a request asks for it several times.
_memo = threading.local()


def _forget_version():
    _memo.token = None


def _versions():
    from kernel.models import ContentVersion

    return ContentVersion.objects.filter(pk=ROW)


def next_scheduled_publication():
    """When the next record published for a future time becomes visible, or None (one query)."""
    from django.db.models import Subquery

    from kernel.publishing import Publishable, Status

    now = timezone.now()
    firsts = {
        f"next_{index}": Subquery(
            model.objects.filter(publication_status=Status.PUBLISHED, published_at__gt=now)
            .order_by("published_at")
            .values("published_at")[:1]
        )
        for index, model in enumerate(global_apps.get_models())
        if issubclass(model, Publishable)
    }
    row = _versions().annotate(**firsts).values(*firsts).first() or {}
    times = [moment for moment in row.values() if moment is not None]
    return min(times) if times else None


def _write_token():
    token = uuid.uuid4().hex
    _forget_version()
    if not _versions().update(token=token, next_change=None, checked=False):
        from kernel.models import ContentVersion

        try:
            with transaction.atomic():
                ContentVersion.objects.create(pk=ROW, token=token)
        except IntegrityError:  # made meanwhile by another request
            _versions().update(token=token, next_change=None, checked=False)
    return token


def bump_content_version():
    """Content changed: a new token, once per transaction (see the module).

    Inside a transaction the first change writes the token and marks the connection; a later change
    writes again only if the mark no longer holds (the write was rolled back with a savepoint, or
    the version was read since, so something may have been computed from half the changes). The
    mark is dropped when the transaction commits and when a request starts.
    """
    if connection.in_atomic_block:
        mark = getattr(connection, "_content_version_mark", None)
        if mark is not None and not mark["read"] and _still_written(mark):
            return mark["token"]
    token = _write_token()
    if connection.in_atomic_block:
        mark = connection._content_version_mark = {"token": token, "read": False}
        mark["on_commit"] = lambda: _drop_mark(mark)
        transaction.on_commit(mark["on_commit"])
    return token


def _still_written(mark):
    """Whether the token the mark names is still written in this transaction: Django forgets the
    commit callbacks registered inside a savepoint that is rolled back, so the mark's own callback
    still waiting means its write was not undone. Asked of memory, not of the database, since an
    import's every row asks."""
    return any(pending[1] is mark["on_commit"] for pending in connection.run_on_commit)


def _drop_mark(mark):
    if getattr(connection, "_content_version_mark", None) is mark:
        connection._content_version_mark = None


def _request_started(**kwargs):
    _memo.token = None
    connection._content_version_mark = None


request_started.connect(_request_started, dispatch_uid="kernel.versioning.request_started")


def content_version():
    mark = getattr(connection, "_content_version_mark", None)
    if mark is not None:
        mark["read"] = True
    token = getattr(_memo, "token", None)
    if token is None:
        token = _memo.token = _read_version()
    return token


def _stored_row():
    """(token, next_change, checked) of the version's row, or None. Plain SQL, since every request
    reads it: the ORM took longer to build the question than the database to answer it."""
    from kernel.models import ContentVersion

    meta = ContentVersion._meta
    db = connections[router.db_for_read(ContentVersion)]
    quote = db.ops.quote_name
    columns = ", ".join(quote(meta.get_field(name).column) for name in ("token", "next_change", "checked"))
    with db.cursor() as cursor:
        cursor.execute(
            f"SELECT {columns} FROM {quote(meta.db_table)} WHERE {quote(meta.pk.column)} = %s", [ROW]
        )
        row = cursor.fetchone()
    if row is None:
        return None
    token, next_change, checked = row
    if next_change is not None and hasattr(db.ops, "convert_datetimefield_value"):
        next_change = db.ops.convert_datetimefield_value(next_change, None, db)  # SQLite keeps text
    return token, next_change, bool(checked)


def _read_version():
    row = _stored_row()
    if row is None:
        return _write_token()
    token, next_change, checked = row
    if not checked:
        # First read since a change: find when the next scheduled publication falls due.
        _versions().filter(token=token).update(next_change=next_scheduled_publication(), checked=True)
    elif next_change is not None and timezone.now() >= next_change:
        return _write_token()  # a record published for this moment is now visible
    return token


def remember(parts, compute):
    """A value computed from content (a facet's counts, a list's size), kept in the cache until the
    content changes: computed once per change and filter combination, not on every request."""
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    key = f"computed:{content_version()}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, COMPUTED_SECONDS)
    return value


def rendered(template, key, context):
    """The HTML of `template` with `context`, rendered once per change of content for `key` (what
    the context was built from, language included): a drawing of hundreds of shapes or bars takes
    longer to render than the rest of its page, and changes only with content."""
    from django.template.loader import render_to_string

    return remember(("rendered", template, key), lambda: render_to_string(template, context))


def is_content_model(model):
    """A model of the content apps as the running code has it: not a history model (its changes
    come with the record's own), not a data migration's historical model (its table may not exist)."""
    meta = model._meta
    return (
        meta.app_label in CONTENT_APPS
        and meta.apps is global_apps
        and not getattr(model, "_is_history_model", False)
        and not meta.model_name.startswith("historical")
    )


def content_changed(sender, action=None, **kwargs):
    """Signal receiver (post_save, post_delete, m2m_changed) for every model."""
    if action is not None and not action.startswith("post_"):
        return  # pre_add, pre_remove, pre_clear: the change has not happened yet
    if is_content_model(sender):
        bump_content_version()
