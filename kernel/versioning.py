"""The content version: one token that every change to content renews, so that nothing computed
from content (cached responses, facet counts, result counts) is ever served stale.

The token lives in a one-row table (`ContentVersion`) rather than in the cache so that it commits
with the content: every worker process and every server reads the same version whichever cache
backend each has, and no reader can pair the new version with the old rows.

It is renewed once per transaction that changed content: the first change in a transaction writes
the new token (so the writer's own later reads see it), and later changes in the same transaction
write nothing more. A change outside any transaction (autocommit) renews it at once. History
models, data migrations' historical models and `pre_*` relation signals never renew it.

With Redis, readers outside a transaction first read a copy of the version there
(kernel/version_copy.py), which every renewal marks changed before its transaction commits; the row
carries a serial that every renewal raises (one more, at least the time in microseconds), which
orders the copies.

A record published for a future time becomes visible without any write: the version remembers when
the next such time is and renews itself when it passes. What moves with the clock alone (an event
becoming past) is at most `COMPUTED_SECONDS` old.

Slices. Sums over every project (facet counts, funding by year and topic, projects per country)
would be computed again over the whole table after any edit. The sliced model's rows (projects) are
cut by primary key into slices of `SLICE_ROWS`, each with its own token (`ContentSlice`): a change
to a project, to a row with a foreign key to one (a budget) or to a link of one (its countries)
renews the token of that project's slice; every other change, and every change the signals cannot
place (a bulk `update()`, a scheduled publication falling due), renews the `shared` token.
`remember_sliced` keeps a sum per slice under both tokens and adds the slices up, so the first
reader after an edit counts one slice again. The slice tokens are renewed in the writing
transaction, once per transaction and slice, under the same rules as the content version.
"""

import hashlib
import threading
import uuid

from django.apps import apps as global_apps
from django.core.cache import cache
from django.core.signals import request_started
from django.db import IntegrityError, connection, connections, router, transaction
from django.utils import timezone, translation

from kernel import version_copy

# The apps whose rows are content: a change to any of their models renews the version.
CONTENT_APPS = ("organisations", "donors", "projects", "events", "taxonomy")
ROW = 1
# Counts computed from content (facets, result counts) are kept this long at most; any change to
# content replaces them at once, like cached responses.
COMPUTED_SECONDS = 5 * 60

# The version read once per request (and per thread): a request asks for it several times.
_memo = threading.local()

# The sliced model (projects, registered by their app) and its slices' size; `SHARED` is the
# slice token every change that is not one slice's renews.
SLICE_ROWS = 1024
SHARED = "shared"
_sliced = {"model": None}
# A slice's sum depends on nothing that moves with the clock (the clock's changes renew `shared`).
SLICED_SECONDS = 24 * 60 * 60


def slice_content_by(model):
    """Keep sums over `model` per slice of its rows (kernel.versioning's "Slices")."""
    _sliced["model"] = model


def sliced_model():
    return _sliced["model"]


def _forget_version():
    _memo.token = None
    _memo.slices = None
    _memo.top = None


def _versions():
    from kernel.models import ContentVersion

    return ContentVersion.objects.filter(pk=ROW)


def next_scheduled_publication():
    """When the next record published for a future time becomes visible, or None (one query)."""
    from django.db.models import Subquery
    from django.db.models.functions import Lower

    from kernel.publishing import Publishable, Status

    now = timezone.now()
    # The status through LOWER(), which no index serves, so the database reads the publication times
    # from the first one to come (an index seek): SQLite, without statistics, read every published
    # row through the status index instead (50-200 ms at 100,000 projects, after every change).
    firsts = {
        f"next_{index}": Subquery(
            model.objects.alias(state=Lower("publication_status"))
            .filter(state=Status.PUBLISHED, published_at__gt=now)
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
    from django.db.models import BigIntegerField, F, Value
    from django.db.models.functions import Greatest

    token = uuid.uuid4().hex
    _forget_version()
    # The serial: one more than before, and at least the time in microseconds, so that it never goes
    # back, not even in a database made anew (a restore, a flush) under a copy of the one before.
    now = Value(int(timezone.now().timestamp() * 1_000_000), output_field=BigIntegerField())
    renewal = {
        "token": token,
        "next_change": None,
        "checked": False,
        "serial": Greatest(F("serial") + 1, now),
    }
    if not _versions().update(**renewal):
        from kernel.models import ContentVersion

        try:
            with transaction.atomic():
                ContentVersion.objects.create(pk=ROW, token=token, serial=now.value)
        except IntegrityError:  # made meanwhile by another request
            _versions().update(**renewal)
    _mark_copy_dirty()
    return token


def _mark_copy_dirty():
    """The version's copy in Redis marked changed, now and once this transaction commits
    (kernel/version_copy.py): readers ask the database until one reads the committed row."""
    if not version_copy.enabled():
        return
    serial = _versions().values_list("serial", flat=True).first()
    version_copy.mark_dirty(serial)
    if connection.in_atomic_block:
        transaction.on_commit(lambda: version_copy.mark_dirty(serial))


def bump_content_version(slices=None):
    """Content changed: a new token, once per transaction (see the module), and new tokens for
    `slices` (numbers of the sliced model's slices), or for the shared slice when None.

    Inside a transaction the first change writes the token and marks the connection; a later change
    writes again only if the mark no longer holds (the write was rolled back with a savepoint, or
    the version was read since, so something may have been computed from half the changes). A slice
    is written once per mark, and again if its own write was rolled back. The mark is dropped when
    the transaction commits and when a request starts.
    """
    keys = {SHARED} if slices is None else {str(number) for number in slices}
    if connection.in_atomic_block:
        mark = getattr(connection, "_content_version_mark", None)
        if mark is not None and not mark["read"]:
            pending = {id(callback) for _sids, callback, *_rest in connection.run_on_commit}
            if id(mark["on_commit"]) in pending:
                _write_slices({key for key in keys if id(mark["slices"].get(key)) not in pending}, mark)
                return mark["token"]
    token = _write_token()
    mark = None
    if connection.in_atomic_block:
        mark = connection._content_version_mark = {"token": token, "read": False, "slices": {}}
        mark["on_commit"] = lambda: _drop_mark(mark)
        transaction.on_commit(mark["on_commit"])
    _write_slices(keys, mark)
    return token


def _write_slices(keys, mark=None):
    """New tokens for the slices `keys`, in one statement; inside a transaction each is noted on the
    mark with a commit callback of its own, which a rolled-back savepoint takes away with it (the
    way `bump_content_version` knows the write was undone, asking memory, not the database)."""
    if not keys:
        return
    from kernel.models import ContentSlice

    _memo.slices = _memo.top = None
    token = uuid.uuid4().hex
    ContentSlice.objects.bulk_create(
        [ContentSlice(key=key, token=token) for key in sorted(keys)],
        update_conflicts=True,
        unique_fields=["key"],
        update_fields=["token"],
    )
    if mark is not None:

        def written():
            pass

        transaction.on_commit(written)
        for key in keys:
            mark["slices"][key] = written


def _drop_mark(mark):
    if getattr(connection, "_content_version_mark", None) is mark:
        connection._content_version_mark = None


def renew_after_migrate(sender, using=None, **kwargs):
    """After `migrate` (which every upgrade runs, docs/operations.md): a new content version and
    shared token, so that nothing the cache keeps (a page, a slice's sum for a day) outlives the
    code that computed it."""
    if using not in (None, "default"):
        return
    with transaction.atomic():
        bump_content_version()
    start_afresh()


def start_afresh():
    """Forget what this thread read of the content version and the slices' tokens, as each request
    does on starting (and a background job, which no request starts): a long-lived thread would
    otherwise keep reading values kept for content it saw before."""
    _forget_version()
    connection._content_version_mark = None


def _request_started(**kwargs):
    start_afresh()


request_started.connect(_request_started, dispatch_uid="kernel.versioning.request_started")


def content_version():
    mark = getattr(connection, "_content_version_mark", None)
    if mark is not None:
        mark["read"] = True
    token = getattr(_memo, "token", None)
    if token is None:
        token = _memo.token = _read_version()
    return token


def _stored_row(alias):
    """(token, next_change, checked, serial) of the version's row in database `alias`, or None. Plain
    SQL, since every request reads it: the ORM took longer to build the question than the database to
    answer it."""
    from kernel.models import ContentVersion

    meta = ContentVersion._meta
    db = connections[alias]
    quote = db.ops.quote_name
    names = ("token", "next_change", "checked", "serial")
    columns = ", ".join(quote(meta.get_field(name).column) for name in names)
    with db.cursor() as cursor:
        cursor.execute(
            f"SELECT {columns} FROM {quote(meta.db_table)} WHERE {quote(meta.pk.column)} = %s", [ROW]
        )
        row = cursor.fetchone()
    if row is None:
        return None
    token, next_change, checked, serial = row
    if next_change is not None and hasattr(db.ops, "convert_datetimefield_value"):
        next_change = db.ops.convert_datetimefield_value(next_change, None, db)  # SQLite keeps text
    return token, next_change, bool(checked), serial


def _read_version():
    from django.conf import settings

    from kernel.models import ContentVersion

    alias = router.db_for_read(ContentVersion)
    # The copy in Redis, when there is one, outside any transaction (a transaction may have renewed
    # the version itself, and must read its own), by readers of the database it describes (a replica's
    # readers must not key their rows by the primary's newer version).
    copied = (
        alias == getattr(settings, "CONTENT_VERSION_COPY_DATABASE", "default")
        and not connection.in_atomic_block
        and not connections[alias].in_atomic_block
    )
    if copied and (token := version_copy.read()):
        return token
    row = _stored_row(alias)
    if row is None:
        return _write_token()
    token, next_change, checked, serial = row
    if not checked:
        # First read since a change: find when the next scheduled publication falls due.
        next_change = next_scheduled_publication()
        checked = bool(_versions().filter(token=token).update(next_change=next_change, checked=True))
    elif next_change is not None and timezone.now() >= next_change:
        # A record published for this moment is now visible, in a slice no signal named.
        token = _write_token()
        _write_slices({SHARED})
        return token
    if checked and copied:
        version_copy.publish(serial, token, next_change)
    return token


def remember(parts, compute):
    """A value computed from content (a facet's counts, a list's size), kept in the cache until the
    content changes: computed once per change and filter combination, not on every request."""
    return _kept(f"computed:{content_version()}", parts, compute)


def _kept(prefix, parts, compute):
    """`compute()`, kept in the cache under `prefix` and a digest of `parts`."""
    key = f"{prefix}:{hashlib.sha256(repr(parts).encode()).hexdigest()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, COMPUTED_SECONDS)
    return value


def slice_tokens():
    """{slice key: token} of every slice written so far, read once per request (one query); a
    slice never written has the token ""."""
    from kernel.models import ContentSlice

    mark = getattr(connection, "_content_version_mark", None)
    if mark is not None:
        mark["read"] = True
    tokens = getattr(_memo, "slices", None)
    if tokens is None:
        tokens = _memo.slices = dict(ContentSlice.objects.values_list("key", "token"))
    return tokens


class Slices:
    """The slices a sum is asked for (`remember_sliced`): a queryset limited to them, and the
    expression naming each row's slice to group by."""

    def __init__(self, numbers, every):
        self.numbers, self.every = sorted(numbers), every

    def runs(self):
        """[(first, last)] of consecutive slice numbers."""
        runs = []
        for number in self.numbers:
            if runs and runs[-1][1] == number - 1:
                runs[-1][1] = number
            else:
                runs.append([number, number])
        return runs

    def within(self, queryset, path="pk"):
        """`queryset` limited to the rows whose `path` (the sliced model's key) is in the slices;
        limited by its own key, its filters' subqueries asked row by row (`_correlated`)."""
        if self.every:
            return queryset
        from functools import reduce
        from operator import or_

        from django.db.models import Q

        rows = queryset.filter(
            reduce(
                or_,
                (
                    Q(**{f"{path}__gte": first * SLICE_ROWS, f"{path}__lt": (last + 1) * SLICE_ROWS})
                    for first, last in self.runs()
                ),
            )
        )
        return _correlated(rows) if path == "pk" else rows

    @staticmethod
    def of(path="pk"):
        """The slice number of a row, by `path` (the sliced model's key), for `values()`."""
        from django.db.models import F, IntegerField
        from django.db.models.functions import Cast

        return Cast(F(path) / SLICE_ROWS, IntegerField())


def _correlated(queryset):
    """`queryset` with each of its filters `pk IN (subquery)` (kernel.filters' semi-joins: the
    projects in a country, of a theme) asked as `EXISTS (subquery for this row)`, on SQLite. Over a
    slice's thousand rows SQLite then probes each row's links by their (project, theme) index
    instead of listing every match in the table first: 0.2 ms against 5 ms for a country and a
    theme at 100,000 projects. Over the whole table the list is the faster, so only slices ask
    this. PostgreSQL plans both forms as one semi-join, and there building the other form cost
    more than it saved (docs/performance.md)."""
    from django.db.models import Exists, OuterRef, QuerySet
    from django.db.models.expressions import Col
    from django.db.models.lookups import In
    from django.db.models.sql import Query
    from django.db.models.sql.where import AND

    query = queryset.query
    where = query.where
    if connections[queryset.db].vendor != "sqlite" or where.connector != AND or where.negated:
        return queryset
    semis = [
        child
        for child in where.children
        if isinstance(child, In)
        and isinstance(child.lhs, Col)
        and child.lhs.alias == query.base_table
        and child.lhs.target == query.model._meta.pk
        and isinstance(child.rhs, Query)
        and len(child.rhs.values_select) == 1
        and not child.rhs.is_sliced
    ]
    if not semis:
        return queryset
    rows = queryset._chain()
    asked = {id(semi) for semi in semis}
    rows.query.where.children = [child for child in rows.query.where.children if id(child) not in asked]
    for semi in semis:
        inner = QuerySet(model=semi.rhs.model, query=semi.rhs.clone())
        rows = rows.filter(Exists(inner.filter(**{semi.rhs.values_select[0]: OuterRef("pk")})))
    return rows


def remember_sliced(parts, count, merge):
    """`merge([sum of each slice])`, kept like `remember`; each slice's sum kept under its own token
    and the shared one, so after an edit only the edited slices are counted again.

    `count(slices)` gives {slice number: sum} for the `Slices` asked (a slice with no rows may be
    left out); `merge(sums)` adds them up (it is given the empty sums of such slices as None)."""
    model = _sliced["model"]

    def build():
        from django.db.models import Max

        tokens = slice_tokens()
        shared = tokens.get(SHARED, "")
        top = getattr(_memo, "top", None)
        if top is None:  # the last slice, once per request like the tokens
            top = _memo.top = (model._default_manager.aggregate(top=Max("pk"))["top"] or 0) // SLICE_ROWS
        digest = hashlib.sha256(repr(parts).encode()).hexdigest()
        keys = {
            number: f"sliced:{digest}:{number}:{shared}:{tokens.get(str(number), '')}"
            for number in range(top + 1)
        }
        found = cache.get_many(keys.values())
        missing = [number for number, key in keys.items() if key not in found]
        if missing:
            counted = count(Slices(missing, every=len(missing) == len(keys)))
            fresh = {keys[number]: counted.get(number, EMPTY) for number in missing}
            cache.set_many(fresh, SLICED_SECONDS)
            found.update(fresh)
        return merge([None if found[key] == EMPTY else found[key] for key in keys.values()])

    return remember(("sliced", *parts), build)


def remembered_count(parts, queryset):
    """`queryset.count()`, kept like `remember`; over the sliced model counted per slice
    (`remember_sliced`), so the first list after an edit counts the edited slice again, not the
    table (35 ms at 100,000 projects on SQLite)."""
    model = _sliced["model"]
    if model is None or queryset.model is not model:
        return remember(parts, queryset.count)
    from django.db.models import Count

    rows = queryset.order_by()
    if rows.query.distinct:  # rows joined to their links: each row once
        rows = model._default_manager.filter(pk__in=rows.values("pk"))

    def count(slices):
        return dict(slices.within(rows).values_list(Slices.of()).annotate(n=Count("pk")).order_by())

    return remember_sliced(("count", *parts), count, lambda sums: sum(n or 0 for n in sums))


def remembered_first(parts, queryset, count):
    """The first `count` rows of `queryset` in its order, kept like `remember`, where each row's
    place in that order depends on that row alone (as PostgreSQL's relevance score does, unlike
    SQLite's bm25): over the sliced model, the first `count` of each slice are kept with the values
    they are ordered by (`remember_sliced`) and merged, so the first reader after an edit ranks the
    edited slice again, not every match (`social` matches 18,000 projects of 100,000: 170 ms).

    The order must be by names (`order_by("-score", "pk")`) of numbers, the last one the key."""
    from django.db.models import F, Window
    from django.db.models.functions import RowNumber

    order = list(queryset.query.order_by)
    model = _sliced["model"]
    if (
        model is None
        or queryset.model is not model
        or not order
        or not all(isinstance(key, str) for key in order)
        or order[-1].lstrip("-") not in ("pk", model._meta.pk.name)
    ):
        return remember(parts, lambda: list(queryset[:count]))
    descending = [key.startswith("-") for key in order]
    keys = {f"order_{i}": F(key.lstrip("-")) for i, key in enumerate(order)}
    ordering = [F(key.lstrip("-")).desc() if key.startswith("-") else F(key) for key in order]

    def first(slices):
        place = Window(RowNumber(), partition_by=[Slices.of()], order_by=ordering)
        rows = (
            slices.within(queryset.order_by())
            .annotate(slice=Slices.of(), place=place, **keys)
            .filter(place__lte=count)
            .values_list("slice", *keys)
        )
        found = {}
        for number, *values in rows:
            found.setdefault(number, []).append(tuple(values))
        return found

    # Where the database puts a row with no value: PostgreSQL counts it larger than any value,
    # SQLite smaller.
    nulls = 1 if connections[queryset.db].vendor == "postgresql" else -1

    def place(row):
        return tuple(
            ((-nulls if down else nulls), 0) if value is None else (0, -value if down else value)
            for value, down in zip(row, descending, strict=True)
        )

    def merged(sums):
        rows = sorted((row for found in sums if found for row in found), key=place)
        return [row[-1] for row in rows[:count]]

    def rows():
        keys_first = remember_sliced(("first", count, *parts), first, merged)
        by_key = {row.pk: row for row in queryset.order_by().filter(pk__in=keys_first)}
        return [by_key[key] for key in keys_first if key in by_key]

    return remember(("first", count, *parts), rows)


def remember_unsliced(parts, compute):
    """`compute()` of what depends on no row of the sliced model once `parts` are given (a facet's
    options: donors, countries, themes; a chart drawn from figures that `parts` hold), kept like
    `remember` and, under the shared token, through an edit of a project: the first reader after
    one reads it from the cache, not the database."""

    return remember(
        ("unsliced", *parts), lambda: _kept(f"unsliced:{slice_tokens().get(SHARED, '')}", parts, compute)
    )


EMPTY = "empty"  # a slice's sum with no rows (None would read as missing in some caches)


def rendered(template, key, context):
    """The HTML of `template` with `context`, rendered once for `key`: a digest of everything the
    context holds (a chart's bars, a map's figures), so that an edit which leaves a drawing's
    figures as they were does not draw it again (`remember_unsliced`). A drawing of hundreds of
    shapes or bars takes longer to render than the rest of its page."""
    from django.template.loader import render_to_string

    parts = ("rendered", template, key, translation.get_language())
    return remember_unsliced(parts, lambda: render_to_string(template, context))


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


def changed_slices(sender, instance=None, action=None, pk_set=None, model=None, **kwargs):
    """The slice numbers a signal's change is in, or None when it is not the sliced model's alone:
    a row of the sliced model, a row with a foreign key to one, a link to one."""
    root = _sliced["model"]
    if root is None or instance is None:
        return None
    keys = []
    if action is not None:  # m2m_changed: `instance` on one side, `pk_set` of `model` on the other
        if isinstance(instance, root):
            keys = [instance.pk]
        elif model is root and pk_set is not None:
            keys = list(pk_set)
        else:
            return None
    elif isinstance(instance, root):
        keys = [instance.pk]
    else:
        fields = _root_keys(sender)
        if not fields:
            return None
        for field in fields:
            keys.append(getattr(instance, field.attname))
            keys.append(getattr(instance, f"_stored_{field.attname}", None))
    return {key // SLICE_ROWS for key in keys if key is not None}


def _root_keys(model):
    """The foreign keys of `model` to the sliced model (a budget's project), kept per model."""
    found = _root_keys_of.get(model)
    if found is None:
        root = _sliced["model"]
        found = _root_keys_of[model] = [
            field
            for field in model._meta.concrete_fields
            if field.many_to_one and root is not None and field.related_model is root
        ]
    return found


_root_keys_of = {}


def stored_root_keys(sender, instance, raw=False, update_fields=None, **kwargs):
    """pre_save: a row that names the sliced model and is saved again keeps in memory what it named
    before (one query by primary key): moved to another project, it leaves the old one's slice too."""
    if raw or instance._state.adding or instance.pk is None or isinstance(instance, _sliced["model"] or ()):
        return
    if not is_content_model(sender):
        return
    fields = _root_keys(sender)
    if update_fields is not None:
        fields = [field for field in fields if field.name in update_fields or field.attname in update_fields]
    if fields:
        names = [field.attname for field in fields]
        stored = sender._base_manager.using(instance._state.db).filter(pk=instance.pk).values(*names).first()
        for name in names:
            setattr(instance, f"_stored_{name}", (stored or {}).get(name))


def content_changed(sender, action=None, **kwargs):
    """Signal receiver (post_save, post_delete, m2m_changed) for every model."""
    if action is not None and not action.startswith("post_"):
        return  # pre_add, pre_remove, pre_clear: the change has not happened yet
    if is_content_model(sender):
        bump_content_version(changed_slices(sender, action=action, **kwargs))
