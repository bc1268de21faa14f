"""A record's check constraints validated in one query, not one each.

Django validates each `CheckConstraint` with a query of its own (`SELECT 1 WHERE <condition>` over
the record's values), wrapped in a savepoint when a transaction is open: three statements a
constraint. A budget has three, an indicator three, a project three, and every write path (a form,
an API write, a spreadsheet row, an IATI activity) checks each part it saves, so an IATI import
spent a third of its time there. `ChecksInOneQuery` asks the database once for all of a record's
conditions (`SELECT COALESCE(<condition 1>, TRUE), COALESCE(<condition 2>, TRUE), …`) and raises the
same errors, in the same order, as Django's own `validate_constraints`: a condition on a field left
out of the validation is not checked, a database error lets the record through (as Django does),
and unique constraints are left to Django.

Most conditions are plain comparisons of a record's own values (`amount >= 0`, `end >= start`, a
value null or not). Those are decided in Python (`decided`), with the database's three-valued logic,
and cost no query at all; only a condition Python cannot be sure to decide as the database would (a
function, a transform, text compared by order, a pattern on text with a line break) is asked of it.

A writer that writes every part of a parent that had none (`sole_rows`) lets a unique constraint that
names the parent be answered from the rows it wrote, not from a query per part.

Its `clean_fields` also lets a writer that has just read or written many rows say which rows it knows
to exist (`known_rows`): a foreign key that points at one of them is not asked of the database again
(Django's `ForeignKey.validate` runs one query per key); any other key is checked as Django checks it.
"""

import contextvars
import datetime
import logging
import re
from contextlib import contextmanager, nullcontext
from decimal import Decimal

from django.core.exceptions import FieldError, ValidationError
from django.db import DatabaseError, connections, router, transaction
from django.db.models import BooleanField, CheckConstraint, ExpressionWrapper, F, Q, UniqueConstraint, Value
from django.db.models.functions import Coalesce
from django.db.models.sql import Query
from django.db.models.sql.constants import SINGLE

logger = logging.getLogger(__name__)


_known_rows = contextvars.ContextVar("known_rows", default=None)
_sole_rows = contextvars.ContextVar("sole_rows", default=None)


@contextmanager
def known_rows(rows):
    """Inside the block, a foreign key whose value is among `rows` ({model: set of primary keys}, which
    the caller may add to as it writes) is known to point at a row that exists, and is not checked
    with a query of its own. For a writer that read or wrote those rows in the same transaction."""
    token = _known_rows.set(rows)
    try:
        yield rows
    finally:
        _known_rows.reset(token)


def also_known(model, pk):
    """`known_rows` with one more row: a part's parent, which the writer has just read or saved."""
    rows = dict(_known_rows.get() or {})
    rows[model] = {*rows.get(model, ()), pk}
    return known_rows(rows)


@contextmanager
def sole_rows(model, field, value, rows):
    """Inside the block, the rows of `model` whose `field` is `value` (the parts of one parent) are
    exactly `rows`, a list the caller adds each row it will write to (once checked): a writer that
    found none stored and writes them all. A unique constraint that names the field is then answered
    from them, without a query: another row with the record's values is Django's own error."""
    token = _sole_rows.set({**(_sole_rows.get() or {}), (model, field.attname, value): rows})
    try:
        yield rows
    finally:
        _sole_rows.reset(token)


def _twin(constraint, model, record, exclude):
    """Whether `sole_rows` shows another row sharing the record's values under the unique constraint:
    True or False, or None when it does not know (or Django would not check: a field left out of the
    validation, an empty value) and Django is to decide."""
    if not _sole_rows.get() or not isinstance(constraint, UniqueConstraint):
        return None
    if constraint.condition is not None or constraint.expressions or not constraint.fields:
        return None
    fields = [model._meta.get_field(name) for name in constraint.fields]
    if any(field.name in (exclude or ()) or getattr(record, field.attname) is None for field in fields):
        return None
    return twin(model, record, fields)


def _validated_under_condition(constraint, model, record, exclude, using):
    """A unique constraint with a condition (a project's IATI identifier, when it has one), validated
    as Django validates it but with the condition decided in Python (`decided`): a record outside it
    needs no query, one inside it a plain EXISTS rather than Django's condition-and-EXISTS question to
    the database (a few milliseconds to build). False when it cannot be (Django validates it)."""
    if not isinstance(constraint, UniqueConstraint) or constraint.condition is None:
        return False
    if constraint.expressions or not constraint.fields:
        return False
    lookups = {}
    for name in constraint.fields:
        field = model._meta.get_field(name)
        value = getattr(record, field.attname)
        if name in (exclude or ()) or field.generated or value is None:
            return False  # Django's own way: it checks nothing, or compares expressions
        lookups[name] = value
    try:
        inside = decided(
            constraint.condition, record._get_field_expression_map(meta=model._meta, exclude=exclude)
        )
    except Undecided:
        return False
    if not inside:  # False, or unknown: Django's check of the condition finds no row either
        return True
    rows = model._default_manager.using(using).filter(**lookups).filter(constraint.condition)
    if not record._state.adding and record._is_pk_set(model._meta):
        rows = rows.exclude(pk=record._get_pk_val(model._meta))
    if rows.exists():
        raise ValidationError(constraint.get_violation_error_message(), code=constraint.violation_error_code)
    return True


def _unique_error(constraint, model, record):
    """The error Django's `UniqueConstraint.validate` raises when it finds another row."""
    if constraint.violation_error_message == constraint.default_violation_error_message:
        message = record.unique_error_message(model, constraint.fields)
        return ValidationError(message, code=message.code)
    return ValidationError(constraint.get_violation_error_message(), code=constraint.violation_error_code)


def twin(model, record, fields):
    """Whether another row of `model` has the record's values in `fields` (one of them the parent) as
    `sole_rows` knows the rows: True or False, or None when it does not know (the database is asked).
    The rows may not be written yet (`kernel.services` checks a list before writing it whole)."""
    sole = _sole_rows.get()
    if not sole:
        return None
    for field in fields:
        rows = sole.get((model, field.attname, getattr(record, field.attname)))
        if rows is not None:
            return any(
                row is not record
                and all(getattr(row, other.attname) == getattr(record, other.attname) for other in fields)
                for row in rows
            )
    return None


class ChecksInOneQuery:
    """A model mixin: `validate_constraints` with the check constraints in one query, and foreign keys
    to rows known to exist (`known_rows`) not asked of the database again (see the module)."""

    def clean_fields(self, exclude=None):
        known = _known_rows.get()
        if known:
            # Such a key passes every check Django makes of it (not empty, no validators of its own,
            # its row exists), so leaving it out of the cleaning leaves out only the query.
            exclude = {
                *(exclude or ()),
                *(field.name for field in self._meta.fields if _known(field, self, known)),
            }
        super().clean_fields(exclude=exclude)

    def validate_constraints(self, exclude=None):
        using = router.db_for_write(self.__class__, instance=self)
        constraints = self.get_constraints()
        failed = failed_checks(self, constraints, exclude, using)
        errors = {}
        for model_class, model_constraints in constraints:
            for constraint in model_constraints:
                try:
                    if isinstance(constraint, CheckConstraint):
                        if id(constraint) in failed:
                            raise ValidationError(
                                constraint.get_violation_error_message(), code=constraint.violation_error_code
                            )
                    elif (found := _twin(constraint, model_class, self, exclude)) is None:
                        if not _validated_under_condition(constraint, model_class, self, exclude, using):
                            constraint.validate(model_class, self, exclude=exclude, using=using)
                    elif found:
                        raise _unique_error(constraint, model_class, self)
                except ValidationError as error:
                    # As Django: a unique constraint on one field is that field's error.
                    if getattr(error, "code", None) == "unique" and len(constraint.fields) == 1:
                        errors.setdefault(constraint.fields[0], []).append(error)
                    else:
                        errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)


def _known(field, instance, known):
    if not field.many_to_one or field.remote_field.parent_link or field.validators:
        return False
    if field.get_limit_choices_to() or field.remote_field.field_name != field.related_model._meta.pk.name:
        return False
    value = getattr(instance, field.attname)
    return value is not None and value in known.get(field.related_model, ())


def failed_checks(instance, constraints, exclude, using):
    """The ids of the check constraints among `constraints` ([(model, [constraint, ...])]) whose
    condition the record's values make false: those Python decides (`decided`), then the others in
    one query per model of the record (its parents have their own). Ids: a constraint compares equal
    to another of the same condition and name."""
    failed = set()
    for model_class, model_constraints in constraints:
        checks = [constraint for constraint in model_constraints if isinstance(constraint, CheckConstraint)]
        if not checks:
            continue
        values = instance._get_field_expression_map(meta=model_class._meta, exclude=exclude)
        undecided = []
        for constraint in checks:
            try:
                if decided(constraint.condition, values) is False:  # None, unknown, is no violation
                    failed.add(id(constraint))
            except Undecided:
                undecided.append(constraint)
        failed |= failed_in_the_database(instance, values, undecided, using)
    return failed


def failed_in_the_database(instance, values, checks, using):
    """The ids of the `checks` whose condition the database finds false over the record's `values`
    (`Model._get_field_expression_map`), all asked in one query; none when it cannot answer."""
    if not checks:
        return set()
    connection = connections[using]
    query = Query(None)
    for name, value in values.items():
        query.add_annotation(
            value if hasattr(value, "resolve_expression") else Value(value), name, select=False
        )
    asked = []
    for constraint in checks:
        condition = Q(constraint.condition)
        if connection.features.supports_comparing_boolean_expr:
            # NULL is not a violation: only a condition that is false is.
            condition = Coalesce(condition, True, output_field=BooleanField())
        try:
            query.add_annotation(ExpressionWrapper(condition, BooleanField()), f"_check_{len(asked)}")
        except FieldError:
            continue  # it names a field left out of the validation: not checked, as in Django
        asked.append(constraint)
    if not asked:
        return set()
    atomic = transaction.atomic(using=using) if connection.in_atomic_block else nullcontext()
    try:
        with atomic:
            row = query.get_compiler(using=using).execute_sql(SINGLE)
    except DatabaseError as error:
        logger.warning("Got a database error checking the constraints of %r: %s", instance, error)
        return set()
    return {
        id(constraint)
        for constraint, passed in zip(asked, row, strict=True)
        if passed is not None and not passed
    }


# -- conditions decided in Python ----------------------------------------------------------------------


class Undecided(Exception):
    """A condition Python cannot be sure to decide as the database would: the database is asked."""


# Values whose order Python and every database agree on (text is left out: collations differ).
ORDERED = (int, Decimal, float, datetime.date, datetime.datetime, datetime.time, datetime.timedelta)
COMPARISONS = {
    "gt": lambda a, b: a > b,
    "gte": lambda a, b: a >= b,
    "lt": lambda a, b: a < b,
    "lte": lambda a, b: a <= b,
}


def decided(condition, values):
    """True, False or None (SQL's unknown) for a check constraint's `condition` over a record's
    `values` (`Model._get_field_expression_map`: {field name: Value(value, field)}), as the database
    decides it: a comparison with NULL is unknown, AND, OR and NOT follow three-valued logic. Raises
    Undecided for what it does not know how to decide exactly so."""
    if not isinstance(condition, Q) or condition.connector not in (Q.AND, Q.OR):
        raise Undecided
    results = []
    for child in condition.children:
        if isinstance(child, Q):
            results.append(decided(child, values))
        elif isinstance(child, tuple):
            results.append(_lookup(*child, values))
        else:
            raise Undecided  # an expression of its own

    if condition.connector == Q.AND:
        result = False if False in results else None if None in results else True
    else:
        result = True if True in results else None if None in results else False
    if condition.negated and result is not None:
        result = not result
    return result


def _value(name, values):
    """(value, field) of a record's field, as the database would read it."""
    value = values.get(name)
    if not isinstance(value, Value) or hasattr(value.value, "resolve_expression"):
        raise Undecided  # left out of the validation, or an expression: the database knows
    field = value.output_field
    if value.value is None:
        return None, field
    try:
        return field.to_python(value.value), field
    except ValidationError:
        raise Undecided from None


def _lookup(lookup, rhs, values):
    name, _, kind = lookup.partition("__")
    kind = kind or "exact"
    left, field = _value(name, values)
    if kind == "isnull":
        if not isinstance(rhs, bool):
            raise Undecided
        return (left is None) == rhs
    if isinstance(rhs, F):
        right, _ = _value(rhs.name, values)
    elif hasattr(rhs, "resolve_expression"):
        raise Undecided
    elif rhs is None:
        if kind != "exact":
            raise Undecided
        return left is None  # Django writes `= None` as IS NULL
    else:
        try:
            right = field.to_python(rhs)
        except ValidationError:
            raise Undecided from None
    if left is None or right is None:
        return None
    if kind == "exact":
        alike = type(left) is type(right) or all(isinstance(side, str) for side in (left, right))
        if not alike and not (isinstance(left, ORDERED) and isinstance(right, ORDERED)):
            raise Undecided  # text against a choice's member is text; anything else, the database knows
        return _compared(lambda a, b: a == b, left, right)
    if kind in COMPARISONS:
        if not (isinstance(left, ORDERED) and isinstance(right, ORDERED)):
            raise Undecided
        return _compared(COMPARISONS[kind], left, right)
    if kind == "regex" and isinstance(left, str) and isinstance(right, str):
        # SQLite's REGEXP is Python's re.search; PostgreSQL's ~ agrees on plain ASCII text, except
        # that Python's $ also matches before a final line break.
        if "\n" in left or not left.isascii():
            raise Undecided
        return re.search(right, left) is not None
    raise Undecided


def _compared(compare, left, right):
    try:
        return bool(compare(left, right))
    except TypeError:  # a date against a time of day, naive against aware: the database would say
        raise Undecided from None
