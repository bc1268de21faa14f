"""Record text in the API: answered in the language asked for, written in the languages sent.

Reading (`?lang=` or `Accept-Language`, api/language.py):

- Each translatable text field (`title`, `summary`, `name`…) is the text in the language of the
  answer, or the English text where that language has none (never blank): `kernel.translation.localized`.
- Every record (and part) with translatable text says so beside it: `text_language`, the language
  of the answer ("fr"); `fallbacks`, the fields shown in English because that language lacks them
  (`["summary"]`; a field empty in English too is not one); `translation_made`, how that language's
  text was made (`written`, `machine`, `reviewed`; null in English or where there is none).
- `?lang=all`: the fields are English, and `translations` holds every other language:
  `{"fr": {"title": "…", "summary": "", "made": "machine"}, "es": {…}, "ja": {…}}` ("" where there is
  no text). Without `lang=all` there is no `translations` in the answer.

Writing:

- `translations`, in the same shape, writes the languages it names; a language or a field it leaves
  out is left as it is, "" removes a text. `made` says how the text was made; left out, a change to
  that language's text marks it `written` (or unmarks it when no text is left).
- A plain text field is in the language of the request: `{"title": "…"}` with `?lang=fr` writes the
  French title. Sending back what a reader in that language reads (the stored French, or the English
  standing in for it) changes nothing, so a PUT of what you read never copies English into French.
  A new record is written in English: a POST in another language that sends plain text is a 400.
- Errors name the path: `{"translations": {"fr": {"title": ["Ensure this field has no more than 450
  characters."]}}}`.
"""

from django.conf import settings
from rest_framework import serializers

from api.fields import CharField, ChoiceField, json_type
from api.language import ALL, answer_language
from kernel.translation import (
    Made,
    column,
    default_language,
    languages,
    localized,
    provenance_field_name,
    translated_fields,
)

MADE = "made"


def request_language(serializer):
    return answer_language(serializer.context.get("request"))


class TextLanguageField(serializers.Field):
    """`text_language`: the language the record's text is answered in."""

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        kwargs.setdefault("help_text", "The language the text fields are answered in (`en` with `lang=all`).")
        super().__init__(**kwargs)

    def to_representation(self, instance):
        language = request_language(self.parent)
        return default_language() if language == ALL else language


class FallbacksField(serializers.Field):
    """`fallbacks`: the text fields shown in English because the language asked for lacks them."""

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        kwargs.setdefault(
            "help_text",
            "The text fields answered in English because the language asked for has no text for them.",
        )
        super().__init__(**kwargs)

    def to_representation(self, instance):
        language = request_language(self.parent)
        if language in (ALL, default_language()):
            return []
        return [
            name
            for name in self.parent.text_fields()
            if getattr(instance, name, "") and localized(instance, name, language).fallback
        ]


class TranslationMadeField(serializers.Field):
    """`translation_made`: how the text in the language asked for was made."""

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True, allow_null=True)
        kwargs.setdefault(
            "help_text",
            "How the text in the language asked for was made (`written`, `machine`, `reviewed`); "
            "null in English, or when it has no text in that language.",
        )
        super().__init__(**kwargs)

    def to_representation(self, instance):
        language = request_language(self.parent)
        if language in (ALL, default_language()):
            return None
        return getattr(instance, provenance_field_name(language), "") or None


class TranslationsField(serializers.Field):
    """`translations`: every other language's text of the record's text fields, read with
    `lang=all` and written in any language (see the module)."""

    default_error_messages = {
        "not_an_object": "Expected an object of languages, not a {given}.",
        "english": "English is the record's own fields (`{example}`), not a translation.",
        "language": 'Unknown language "{code}". Choose one of: {choices}.',
        "language_object": "Expected an object of fields, not a {given}.",
        "field": 'No text field "{name}" here. Choose one of: {choices}.',
    }

    def __init__(self, **kwargs):
        kwargs.update(source="*", required=False)
        kwargs.setdefault(
            "help_text",
            "Every other language's text of the text fields, with how it was made: "
            '`{"fr": {"title": "…", "made": "machine"}}`. Answered with `lang=all` only; written '
            "in any language (a language or field left out is left as it is).",
        )
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance

    # Reading

    def to_representation(self, instance):
        names = self.parent.text_fields()
        return {
            code: {
                **{name: getattr(instance, column(name, code), "") or "" for name in names},
                MADE: getattr(instance, provenance_field_name(code), "") or "",
            }
            for code in languages()
        }

    # Writing

    def text_field(self, name, code):
        """The serializer field that checks `name` in `code`: the column's length, no NUL."""
        model_field = self.parent.Meta.model._meta.get_field(column(name, code))
        max_length = model_field.max_length or settings.TEXT_MAX_CHARS
        field = CharField(max_length=max_length, allow_blank=True, trim_whitespace=False)
        field.bind(name, self)
        return field

    def made_field(self):
        field = ChoiceField(choices=[("", ""), *Made.choices], allow_blank=True)
        field.bind(MADE, self)
        return field

    def to_internal_value(self, data):
        if not isinstance(data, dict):
            self.fail("not_an_object", given=json_type(data))
        names = self.parent.writable_text_fields()
        errors, attrs = {}, {}
        for code, texts in data.items():
            if code == default_language():
                example = next((name for name in names if name != "source_note"), names[0])
                errors[code] = [self.error_messages["english"].format(example=example)]
                continue
            if code not in languages():
                message = self.error_messages["language"].format(code=code, choices=", ".join(languages()))
                errors[code] = [message]
                continue
            if not isinstance(texts, dict):
                errors[code] = [self.error_messages["language_object"].format(given=json_type(texts))]
                continue
            problems = {}
            for name, value in texts.items():
                if name == MADE:
                    field, target = self.made_field(), provenance_field_name(code)
                elif name in names:
                    field, target = self.text_field(name, code), column(name, code)
                else:
                    choices = ", ".join([*names, MADE])
                    problems[name] = [self.error_messages["field"].format(name=name, choices=choices)]
                    continue
                try:
                    attrs[target] = field.run_validation(value)
                except serializers.ValidationError as error:
                    problems[name] = error.detail
            if problems:
                errors[code] = problems
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class TranslatedTextMixin:
    """For a ModelSerializer of a translatable model: its text in the answer's language, the
    markers beside it, `translations`, and writes in any language (see the module)."""

    def get_fields(self):
        fields = super().get_fields()
        model = self.Meta.model
        if not any(name in fields for name in translated_fields(model)):
            return fields
        fields["text_language"] = TextLanguageField()
        fields["fallbacks"] = FallbacksField()
        fields["translation_made"] = TranslationMadeField()
        fields["translations"] = TranslationsField()
        return fields

    def text_fields(self):
        """The translatable text fields this serializer answers with."""
        return [
            name
            for name in translated_fields(self.Meta.model)
            if name in self.fields and not self.fields[name].write_only
        ]

    def writable_text_fields(self):
        return [
            name
            for name in translated_fields(self.Meta.model)
            if name in self.fields and not self.fields[name].read_only
        ]

    # Reading

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if "translations" not in self.fields:
            return data
        language = request_language(self)
        if language != ALL:
            data.pop("translations", None)
        if language not in (ALL, default_language()):
            for name in self.text_fields():
                if name in data and data[name] is not None:
                    data[name] = str(localized(instance, name, language))
        return data

    # Writing

    def to_internal_value(self, data):
        attrs = super().to_internal_value(data)
        if "translations" not in self.fields:
            return attrs
        language = request_language(self)
        if language not in (ALL, default_language()):
            attrs = self.place_plain_text(attrs, language)
        return self.mark_made(attrs)

    def stored_records(self):
        """The stored records whose text the sender read: the record itself."""
        return [self.instance] if self.instance is not None else []

    def place_plain_text(self, attrs, language):
        """Plain text fields sent in `language` become that language's text, unless they are what a
        reader in that language reads already (then nothing changes)."""
        plain = [name for name in self.writable_text_fields() if name in attrs]
        if not plain:
            return attrs
        stored = self.stored_records()
        if not stored and self.is_new_record():
            message = (
                f"A new record is written in English: send its text with lang=en (or lang=all), and "
                f"this text as translations.{language}.{{name}}."
            )
            raise serializers.ValidationError({name: [message.format(name=name)] for name in plain})
        errors = {}
        for name in plain:
            value = attrs.pop(name)
            read = {str(localized(record, name, language)) for record in stored}
            if value in read:
                continue
            target = column(name, language)
            if target in attrs and attrs[target] != value:
                errors[name] = [
                    f"Sent twice with different text: here and as translations.{language}.{name}."
                ]
                continue
            attrs[target] = value
        if errors:
            raise serializers.ValidationError(errors)
        return attrs

    def is_new_record(self):
        return True

    def mark_made(self, attrs):
        """A language whose text changes without `made` is marked `written`, or unmarked when it is
        left without text."""
        names = translated_fields(self.Meta.model)
        for code in languages():
            made = provenance_field_name(code)
            columns = [column(name, code) for name in names]
            sent = [target for target in columns if target in attrs]
            if made in attrs or not sent:
                continue
            record = self.instance if isinstance(self.instance, self.Meta.model) else None
            if record is not None and all(attrs[target] == getattr(record, target) for target in sent):
                continue
            after = {target: getattr(record, target, "") if record is not None else "" for target in columns}
            after.update({target: attrs[target] for target in sent})
            attrs[made] = Made.WRITTEN if any(after.values()) else ""
        return attrs


class TranslatedPartMixin(TranslatedTextMixin):
    """A part's text: compared with the stored parts of its list, since which stored row a sent row
    becomes is decided when the list is written (`kernel.services.replace_parts`)."""

    def stored_records(self):
        holder = self.parent.parent if isinstance(self.parent, serializers.ListSerializer) else None
        record = getattr(holder, "instance", None)
        name = getattr(self.parent, "field_name", None)
        if record is None or not name or not getattr(record, "pk", None):
            return []
        return list(getattr(record, name).all())

    def is_new_record(self):
        holder = self.parent.parent if isinstance(self.parent, serializers.ListSerializer) else None
        return getattr(holder, "instance", None) is None


def kept_columns(model, language):
    """The fields a stored part keeps when a row sent for it leaves them out: its translations and
    how they were made, and, in a write in another language than English, its English text."""
    names = translated_fields(model)
    kept = [column(name, code) for name in names for code in languages()]
    kept += [provenance_field_name(code) for code in languages()]
    if language not in (ALL, default_language()):
        kept += names
    return kept
