"""Serializer fields that read JSON as JSON.

DRF coerces quietly: `0` becomes the text "0", "5" the number 5, "yes" true. Here a value of the
wrong JSON type is a 400 naming the field, so that a client's mistake is caught where it is made.
Amounts are the one convenience kept: they are sent back as strings ("1000.00"), and accepted as a
string or a number.
"""

import re

from django.conf import settings
from django.db import models
from rest_framework import serializers

JSON_TYPES = (
    (bool, "boolean"),
    (str, "string"),
    (int, "number"),
    (float, "number"),
    (dict, "object"),
    (list, "array"),
)
DECIMAL = re.compile(r"^\s*-?\d+(\.\d+)?\s*$")


def json_type(value):
    if value is None:
        return "null"
    return next((name for kind, name in JSON_TYPES if isinstance(value, kind)), type(value).__name__)


class StrictType:
    """Refuses values that are not of the JSON type the field takes."""

    type_name = "string"
    default_error_messages = {"wrong_type": "Expected a {expected}, not a {given}."}

    def accepts(self, data):
        return isinstance(data, str)

    def to_internal_value(self, data):
        if not self.accepts(data):
            self.fail("wrong_type", expected=self.type_name, given=json_type(data))
        return super().to_internal_value(data)


class LengthAsSent:
    """`max_length` holds for the text as sent, as the schema's `maxLength` says, not only once
    the whitespace around it (which includes control characters such as U+001F) is trimmed."""

    def run_validation(self, data=serializers.empty):
        if isinstance(data, str) and self.max_length is not None and len(data) > self.max_length:
            self.fail("max_length", max_length=self.max_length)
        return super().run_validation(data)


class CharField(LengthAsSent, StrictType, serializers.CharField):
    pass


class SlugField(LengthAsSent, StrictType, serializers.SlugField):
    pass


class EmailField(LengthAsSent, StrictType, serializers.EmailField):
    pass


class URLField(LengthAsSent, StrictType, serializers.URLField):
    pass


class DateField(StrictType, serializers.DateField):
    pass


class DateTimeField(StrictType, serializers.DateTimeField):
    pass


class ChoiceField(StrictType, serializers.ChoiceField):
    """A code from a fixed list; codes that look like numbers ("2") are still strings."""

    def accepts(self, data):
        if all(isinstance(key, str) for key in self.choices):
            return isinstance(data, str)
        return isinstance(data, (str, int)) and not isinstance(data, bool)


class BooleanField(StrictType, serializers.BooleanField):
    type_name = "boolean"

    def accepts(self, data):
        return isinstance(data, bool)


class IntegerField(StrictType, serializers.IntegerField):
    type_name = "whole number"

    def accepts(self, data):
        if isinstance(data, bool):
            return False
        return isinstance(data, int) or (isinstance(data, float) and data.is_integer())


class DecimalField(StrictType, serializers.DecimalField):
    """An amount: "1000.00" or 1000; not "1e3", not true."""

    type_name = "number or a string of digits"

    def accepts(self, data):
        if isinstance(data, bool):
            return False
        if isinstance(data, str):
            return bool(DECIMAL.match(data))
        return isinstance(data, (int, float))


FIELD_MAPPING = {
    **serializers.ModelSerializer.serializer_field_mapping,
    models.BooleanField: BooleanField,
    models.CharField: CharField,
    models.DateField: DateField,
    models.DateTimeField: DateTimeField,
    models.DecimalField: DecimalField,
    models.EmailField: EmailField,
    models.IntegerField: IntegerField,
    models.AutoField: IntegerField,
    models.BigIntegerField: IntegerField,
    models.PositiveIntegerField: IntegerField,
    models.PositiveSmallIntegerField: IntegerField,
    models.SmallIntegerField: IntegerField,
    models.SlugField: SlugField,
    models.TextField: CharField,
    models.URLField: URLField,
}


# The ranges PostgreSQL enforces, whatever the database in use says (SQLite allows 64 bits).
INTEGER_RANGES = (
    (models.PositiveSmallIntegerField, 0, 32767),
    (models.SmallIntegerField, -32768, 32767),
    (models.PositiveIntegerField, 0, 2147483647),
    (models.IntegerField, -2147483648, 2147483647),
)


class ChoiceLabelField(serializers.CharField):
    """`<field>_label`: the label of a coded value beside it (`"status": "2"`, `"status_label":
    "Implementation"`), in the response's language; null when the value is empty. Read-only: a write
    sends the code."""

    def __init__(self, choice_field_name, choices, **kwargs):
        self.choice_labels = dict(choices)
        kwargs.update(source=choice_field_name, read_only=True, allow_null=True)
        kwargs.setdefault(
            "help_text", f"The label of `{choice_field_name}`, in the language of the response."
        )
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        value = super().get_attribute(instance)
        return None if value in (None, "") else value

    def to_representation(self, value):
        label = self.choice_labels.get(value, self.choice_labels.get(str(value)))
        return str(label) if label is not None else str(value)


class StrictModelSerializer(serializers.ModelSerializer):
    """A ModelSerializer whose fields take JSON types strictly, within the range they can store.

    Every coded value (a field with choices) is answered with its label beside it, as
    `<field>_label` (`ChoiceLabelField`)."""

    serializer_field_mapping = FIELD_MAPPING
    serializer_choice_field = ChoiceField

    def get_fields(self):
        fields = {}
        for name, field in super().get_fields().items():
            fields[name] = field
            label_name = f"{name}_label"
            if (
                isinstance(field, serializers.ChoiceField)
                and not isinstance(field, serializers.MultipleChoiceField)
                and not field.write_only
                and label_name not in fields
            ):
                fields[label_name] = ChoiceLabelField(field.source or name, field.choices)
        return fields

    def build_standard_field(self, field_name, model_field):
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        for kind, low, high in INTEGER_RANGES:
            if isinstance(model_field, kind) and not isinstance(model_field, models.BigIntegerField):
                kwargs["min_value"] = max(kwargs.get("min_value", low), low)
                kwargs["max_value"] = min(kwargs.get("max_value", high), high)
                break
        if isinstance(model_field, models.TextField) and "max_length" not in kwargs:
            # Long text has a bound too (TEXT_MAX_CHARS; the admin's forms share it).
            kwargs["max_length"] = settings.TEXT_MAX_CHARS
        return field_class, kwargs
