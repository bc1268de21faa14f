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

Its `clean_fields` also lets a writer that has just read or written many rows say which rows it knows
to exist (`known_rows`): a foreign key that points at one of them is not asked of the database again
(Django's `ForeignKey.validate` runs one query per key); any other key is checked as Django checks it.
"""

import contextvars
import logging
from contextlib import contextmanager, nullcontext

from django.core.exceptions import FieldError, ValidationError
from django.db import DatabaseError, connections, router, transaction
from django.db.models import BooleanField, CheckConstraint, ExpressionWrapper, Q, Value
from django.db.models.functions import Coalesce
from django.db.models.sql import Query
from django.db.models.sql.constants import SINGLE

logger = logging.getLogger(__name__)


_known_rows = contextvars.ContextVar("known_rows", default=None)


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
                    else:
                        constraint.validate(model_class, self, exclude=exclude, using=using)
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
    condition the record's values make false: one query per model of the record (its parents have
    their own). Ids: a constraint compares equal to another of the same condition and name."""
    connection = connections[using]
    failed = set()
    for model_class, model_constraints in constraints:
        checks = [constraint for constraint in model_constraints if isinstance(constraint, CheckConstraint)]
        if not checks:
            continue
        query = Query(None)
        for name, value in instance._get_field_expression_map(
            meta=model_class._meta, exclude=exclude
        ).items():
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
            continue
        atomic = transaction.atomic(using=using) if connection.in_atomic_block else nullcontext()
        try:
            with atomic:
                row = query.get_compiler(using=using).execute_sql(SINGLE)
        except DatabaseError as error:
            logger.warning("Got a database error checking the constraints of %r: %s", instance, error)
            continue
        failed.update(
            id(constraint)
            for constraint, passed in zip(asked, row, strict=True)
            if passed is not None and not passed
        )
    return failed
