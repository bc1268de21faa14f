"""Record versions, so that two editors never overwrite each other silently.

A record's version is a strong ETag computed from everything stored in its own row: for content
records that includes `updated_at`, which moves on every save, and saving through the API also saves
the record when only its relations or parts (participants, results, organisers, speakers) change.
The API sends it as `ETag` and refuses a PUT, PATCH or DELETE whose `If-Match` names another version
(412); the admin can refuse a stale save with the same `is_stale` check.

What the API answers for a record also shows related records (a donor's name, a participant the
reader may see), which change without the record changing. So the ETag it sends is the record's
version followed by the content version it was rendered at (`"<record>.<content>"`): If-None-Match
gets a 304 only when neither changed, while If-Match compares the record's part only, so a change to
some other record never refuses a write.
"""

import hashlib

from django.utils.http import parse_etags


def _digest(parts):
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


def version_fields(model):
    """The columns a version is computed from: `updated_at` where the model keeps one, else all."""
    names = [field.attname for field in model._meta.concrete_fields]
    if "updated_at" in names:
        return [model._meta.pk.attname, "updated_at"]
    return names


def _value(value):
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _record_version(obj):
    values = (getattr(obj, name) for name in version_fields(type(obj)))
    return _digest([obj._meta.label, *map(_value, values)])


def etag_for(obj, rendered_at=None):
    """The record's current version as a quoted strong ETag, e.g. `"3f2a…"`; with `rendered_at` (the
    content version a representation was made at) `"3f2a….9c01…"`."""
    version = _record_version(obj)
    if rendered_at is not None:
        version += "." + hashlib.sha256(str(rendered_at).encode()).hexdigest()[:16]
    return f'"{version}"'


def etag_for_rows(queryset, *salt):
    """A weak ETag for a whole list: changes when any row in it is added, removed or saved.

    For content (kernel/versioning.py) the content version stands for the rows: it is renewed by
    every change to content, the records a row shows and a scheduled publication coming due
    included, and reading it costs one primary-key query where reading every row's version held
    back the first byte of a 100,000-row export by 1.1 s. For any other model, one query over the
    version columns. Weak, because the version changes with more than the list.
    """
    from kernel.versioning import content_version, is_content_model

    model = queryset.model
    digest = hashlib.sha256(model._meta.label.encode())
    for part in salt:
        digest.update(b"\x1f" + str(part).encode())
    if is_content_model(model):
        digest.update(b"\x1d" + content_version().encode())
        return f'W/"{digest.hexdigest()[:32]}"'
    rows = queryset.order_by("pk").values_list(*version_fields(model))
    for row in rows.iterator(chunk_size=2000):
        digest.update(("\x1e" + "\x1f".join(map(_value, row))).encode())
    return f'W/"{digest.hexdigest()[:32]}"'


def is_stale(obj, if_match):
    """Whether an `If-Match` value names a version other than the record's current one.

    Strong comparison (RFC 9110 §13.1.1): a weak tag never matches; `*` matches any record that
    exists. An empty or absent header is not stale: the check is the client's to ask for.
    """
    if not if_match:
        return False
    tags = parse_etags(if_match)
    if tags == ["*"]:
        return False
    current = _record_version(obj)
    return current not in [tag.strip('"').split(".")[0] for tag in tags if not tag.startswith("W/")]
