"""Record content in the site's four languages: one rule for where a translation lives, how it was
made, and what a reader in a language sees.

- **Where.** A translatable text field keeps English, the language the ILO's sources are written in,
  in its own column (`title`), and each other language of `settings.LANGUAGES` in a column of the
  same table beside it (`title_fr`, `title_es`, `title_ja`), declared in the model with
  `translations(field)`. So the full-text index, the history, the admin's forms, the spreadsheets,
  the fixtures, the API and the IATI files see them as ordinary fields, and every query that reads
  `title` reads English, whatever the request's language (docs/architecture.md, "Languages", says
  why this rather than django-modeltranslation's rewriting descriptors).
- **How it was made.** A translatable record says per language how its text in that language was
  made (`Translatable`: `fr_translation` written / machine / reviewed); a page in that language says
  so when the text was not reviewed.
- **What a reader sees.** `localized(record, "title")` is the text in the active language, or the
  English text when that language has none (never blank), as a `Localized` string that knows the
  language it is in: templates mark it `lang="en"` (`kernel/templatetags/ilopartners.py`: the
  `localized` filter and the `text` tag), and every surface (pages, API, feeds, calendars, CSV,
  IATI) asks this module.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from kernel.constraints import ChecksInOneQuery


def default_language():
    return settings.LANGUAGE_CODE


def languages():
    """The languages a translation can be in: every language of the site but English."""
    return tuple(code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE)


def language_names():
    return dict(settings.LANGUAGES)


def column(field_name, language):
    """`title` in `fr` is the column `title_fr`; in English, `title` itself."""
    return field_name if language == default_language() else f"{field_name}_{language}"


def translations(field):
    """The columns beside an English text field that hold its translations, one per language:
    `title_fr, title_es, title_ja = translations(title)` in the model's body. Each is optional, never
    unique, and as long as the English one allows and half again (French runs longer)."""
    made = []
    for language in languages():
        name, path, args, kwargs = field.deconstruct()
        kwargs.update(blank=True, unique=False)
        kwargs.pop("help_text", None)
        kwargs.pop("verbose_name", None)
        kwargs.pop("validators", None)
        if kwargs.get("max_length"):
            kwargs["max_length"] = kwargs["max_length"] * 3 // 2
        copy = type(field)(*args, **kwargs)
        copy.translation_language = language
        made.append(copy)
    return tuple(made)


class Made(models.TextChoices):
    """How a translation was made."""

    WRITTEN = "written", _("written by a person")
    MACHINE = "machine", _("machine-made")
    REVIEWED = "reviewed", _("reviewed")


def provenance_field():
    return models.CharField(
        max_length=10,
        choices=Made.choices,
        blank=True,
        help_text="How the text in this language was made; the page says so until it is reviewed.",
    )


class Translatable(ChecksInOneQuery, models.Model):
    """Abstract base of a record whose text is translated: how each language's text was made."""

    fr_translation = provenance_field()
    es_translation = provenance_field()
    ja_translation = provenance_field()

    class Meta:
        abstract = True


def provenance_field_name(language):
    return f"{language}_translation"


def translation_names(*field_names):
    """The translation columns of the named fields, e.g. for a model's `full_text_fields`:
    `("title", *translation_names("title"))` is title, title_fr, title_es, title_ja."""
    return tuple(column(name, language) for name in field_names for language in languages())


def translated_fields(model):
    """The English fields of `model` that have translations: ["title", "summary", ...]."""
    found = []
    for field in model._meta.get_fields():
        language = getattr(field, "translation_language", None)
        if language:
            base = field.name.removesuffix(f"_{language}")
            if base not in found:
                found.append(base)
    return found


def translation_columns(model, language=None):
    """Every translation column of `model` (of one language, if given): ["title_fr", ...]."""
    wanted = [language] if language else languages()
    return [column(name, code) for name in translated_fields(model) for code in wanted]


class Localized(str):
    """A text with the language it is in, and how that language's text was made when it is a
    translation. It is a `str`, so it goes wherever the text went before."""

    language: str
    made: str
    wanted: str

    def __new__(cls, value, language, wanted, made=""):
        text = super().__new__(cls, value)
        text.language, text.wanted, text.made = language, wanted, made
        return text

    def __reduce__(self):
        # The response cache pickles what it keeps (an API answer's data): a str subclass whose
        # __new__ takes more than the text must say how it is made again.
        return (type(self), (str(self), self.language, self.wanted, self.made))

    @property
    def fallback(self):
        """True when the reader asked for a language this text lacks, so it is shown in English."""
        return self.language != self.wanted

    @property
    def unreviewed(self):
        """True when the text is a translation nobody has reviewed."""
        return self.language != default_language() and self.made != Made.REVIEWED


def active_language():
    language = translation.get_language() or default_language()
    language = language.split("-")[0].lower()
    return language if language in language_names() else default_language()


def localized(record, field_name, language=None):
    """The text of `record.field_name` in `language` (default: the active one), or English."""
    wanted = language or active_language()
    english = getattr(record, field_name) or ""
    if wanted != default_language():
        value = getattr(record, column(field_name, wanted), "")
        if value:
            made = getattr(record, provenance_field_name(wanted), "") or ""
            return Localized(value, wanted, wanted, made)
    return Localized(english, default_language(), wanted)


def all_languages(record, field_name):
    """{"en": ..., "fr": ..., ...}: every language's text of a field, "" where there is none."""
    return {code: getattr(record, column(field_name, code), "") or "" for code in language_names()}


def missing(model, language):
    """A Q matching the records of `model` with English text but no `language` text in some field."""
    condition = models.Q()
    for name in translated_fields(model):
        condition |= ~models.Q(**{name: ""}) & models.Q(**{column(name, language): ""})
    return condition


@dataclass(frozen=True)
class Language:
    code: str
    name: str


def translation_languages():
    return [Language(code, str(name)) for code, name in settings.LANGUAGES if code != default_language()]


def with_translations(*field_names):
    """The named fields with their translation columns and how each language was made, for
    `.only()`: `.only("slug", *with_translations("name"))`, so a page in French reads no column
    later (which would be a query per row)."""
    provenance = tuple(provenance_field_name(language) for language in languages())
    return (*field_names, *translation_names(*field_names), *provenance)
