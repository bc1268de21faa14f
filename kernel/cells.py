"""What a spreadsheet cell may say, read as people write it (django-import-export widgets).

A cell is read from the words a person would type as well as from the code the site stores:
"Implementation" or "2" for an activity status, "SDG 8", "8" or the goal's title for an SDG,
"1,000,000", "1 000 000", "USD 1,000,000" or "USD 1.2 million" for money, "Japan", "JPN" or "JP"
for a country, a donor's or organisation's name as well as its slug. A cell that cannot be read
raises `CellError` with a sentence for the person who typed it, never a Python class name; exports
keep writing the stored codes and slugs, which every import reads back.
"""

import datetime
import difflib
import re
from decimal import Decimal, InvalidOperation

from import_export import widgets

MULTIPLE = ";"
SPACES = re.compile(r"[\s\u00a0\u2007\u202f\u2009']+")
CURRENCY_BEFORE = re.compile(r"^(?:USD|US\s*\$|US\s+dollars?|\$)\s*", re.IGNORECASE)
CURRENCY_AFTER = re.compile(r"\s*(?:USD|US\s*\$|US\s+dollars?|dollars?|\$)$", re.IGNORECASE)
OTHER_CURRENCY = re.compile(r"^(?:[A-Z]{3}\b|[€£¥₹])|(?:\b[A-Z]{3}|[€£¥₹])$")
SCALE = re.compile(r"\s*(thousand|million|billion|mn|bn|m|k)$", re.IGNORECASE)
SCALES = {"thousand": 3, "k": 3, "million": 6, "mn": 6, "m": 6, "billion": 9, "bn": 9}
QUALIFIER = re.compile(r"^(more than|over|about|approximately|around|some|up to|at least)\b", re.IGNORECASE)
PLAIN = re.compile(r"^[+-]?\d+(\.\d+)?$")
COMMA_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
DOT_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")
COMMA_DECIMAL = re.compile(r"^[+-]?\d+,\d{1,2}$")
GOAL = re.compile(r"^(?:sdg|goal)?\s*#?\s*(\d{1,2})(?:\s*[:.\-–—]\s*.*)?$", re.IGNORECASE)
DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%d.%m.%Y")

# Short names people write for countries whose ISO name is longer.
COUNTRY_NAMES = {
    "uk": "GB", "united kingdom": "GB", "great britain": "GB", "britain": "GB",
    "united states": "US", "usa": "US", "u.s.": "US", "u.s.a.": "US", "america": "US",
    "south korea": "KR", "korea": "KR", "north korea": "KP", "vietnam": "VN", "laos": "LA",
    "bolivia": "BO", "iran": "IR", "tanzania": "TZ", "russia": "RU", "syria": "SY",
    "venezuela": "VE", "moldova": "MD", "czech republic": "CZ", "turkey": "TR",
    "ivory coast": "CI", "cote d'ivoire": "CI", "micronesia": "FM", "palestine": "PS",
    "taiwan": "TW", "brunei": "BN", "cape verde": "CV", "swaziland": "SZ", "burma": "MM",
    "congo-kinshasa": "CD", "drc": "CD", "congo-brazzaville": "CG", "the netherlands": "NL",
    "holland": "NL", "the gambia": "GM", "east timor": "TL",
}  # fmt: skip


class CellError(ValueError):
    """A cell that cannot be read, with a sentence saying why and what to write instead."""


def text_of(value):
    """A cell as text, trimmed, or "" when empty."""
    if value is None:
        return ""
    return " ".join(str(value).split())


def folded(text):
    return " ".join(str(text).replace("’", "'").split()).casefold()


def one_of(options, limit=12):
    """ "write one of these: a, b, c" for a short list; a pointer to the template for a long one."""
    options = list(options)
    if len(options) > limit:
        return "see the template's accepted values"
    return "write one of these: " + ", ".join(options)


class TextWidget(widgets.CharWidget):
    """Text: an empty cell is empty text, and a number a spreadsheet made of a code ("22", a
    telephone number) is the text it shows, not "22.0"."""

    def clean(self, value, row=None, **kwargs):
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)


class ChoiceWidget(widgets.CharWidget):
    """A coded column (TextChoices): the code or its label, in any case. Exported as the code."""

    def __init__(self, choices, noun, *, aliases=None, **kwargs):
        self.choices = [(str(code), str(label)) for code, label in choices]
        # Other names a code goes by: the plain words the site shows visitors ("Ongoing").
        self.aliases = {str(code): str(alias) for code, alias in (aliases or {}).items()}
        self.noun = noun
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        text = text_of(value)
        if isinstance(value, float) and value.is_integer():
            text = str(int(value))  # a spreadsheet's number 2 arrives as 2.0
        if not text:
            return ""
        wanted = folded(text)
        for code, label in self.choices:
            if wanted in (
                folded(code),
                folded(label),
                folded(f"{code} {label}"),
                folded(f"{code} - {label}"),
                folded(self.aliases.get(code, "")) or None,
            ):
                return code
        accepted = [
            f"{label} ({code})" if folded(label) != folded(code) else label
            for code, label in self.choices
            if code
        ]
        accepted += [alias for alias in self.aliases.values() if alias]
        raise CellError(f"“{text}” is not an accepted {self.noun}; {one_of(accepted)}.")

    def accepted_values(self):
        return [(code, label) for code, label in self.choices if code]


class AmountWidget(widgets.DecimalWidget):
    """A number as people write it: thousands separated by commas, spaces or dots; for money also
    "USD", "US$" or "$" and "million". `whole` refuses fractions (years, counts)."""

    def __init__(self, *, money=False, whole=False, **kwargs):
        self.money, self.whole = money, whole
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            raise CellError(f"“{value}” is not a number.")
        if isinstance(value, (int, float, Decimal)):
            number = Decimal(str(value))
        else:
            text = text_of(value)
            if not text:
                return None
            number = self.parse(text)
        if self.whole:
            if number != number.to_integral_value():
                raise CellError(f"“{text_of(value)}” is not a whole number.")
            return int(number)
        return number

    def parse(self, text):
        example = "1000000, 1,000,000 or USD 1,000,000" if self.money else "1000 or 1,000"
        if QUALIFIER.match(text):
            raise CellError(
                f"“{text}” says more than a number: put the qualifier (more than, about) in its own "
                "column and the number here."
            )
        rest, exponent = text, 0
        if self.money:
            rest = CURRENCY_AFTER.sub("", CURRENCY_BEFORE.sub("", rest))
            if OTHER_CURRENCY.search(rest.upper() if rest.isupper() else rest):
                raise CellError(f"“{text}” is not in US dollars: amounts are in USD; convert it first.")
            scale = SCALE.search(rest)
            if scale:
                exponent = SCALES[scale.group(1).lower()]
                rest = rest[: scale.start()]
        rest = SPACES.sub("", rest)
        if COMMA_THOUSANDS.match(rest):
            rest = rest.replace(",", "")
        elif DOT_THOUSANDS.match(rest) or COMMA_DECIMAL.match(rest):
            rest = rest.replace(".", "").replace(",", ".")
        if not PLAIN.match(rest):
            noun = "an amount" if self.money else "a number"
            raise CellError(f"“{text}” is not {noun}; write it as {example}.")
        try:
            return Decimal(rest).scaleb(exponent)
        except InvalidOperation:  # pragma: no cover - the pattern above admits only digits
            raise CellError(f"“{text}” is not a number; write it as {example}.") from None


class YesNoWidget(widgets.BooleanWidget):
    """Yes or no: yes/no, true/false, 1/0, x or empty (no)."""

    YES = {"1", "yes", "y", "true", "x", "✓", "✔"}
    NO = {"", "0", "no", "n", "false", "none", "-"}

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        if isinstance(value, (int, float)) and value in (0, 1):
            return bool(value)
        text = folded(text_of(value))
        if text in self.YES:
            return True
        if text in self.NO:
            return False
        raise CellError(f"“{text_of(value)}” is neither yes nor no; write yes or no.")


class DayWidget(widgets.DateWidget):
    """A date as 2022-12-02, 2 December 2022, December 2, 2022 or a spreadsheet's date cell.
    Day-first or month-first numbers (02/12/2022) are refused: they mean different days in
    different countries."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = text_of(value)
        if not text:
            return None
        for date_format in DATE_FORMATS:
            try:
                return datetime.datetime.strptime(text, date_format).date()
            except ValueError:
                continue
        raise CellError(f"“{text}” is not a date we can read without guessing; write it as 2022-12-02.")


class RecordWidget(widgets.ForeignKeyWidget):
    """A related record by its slug or code (what is exported) or by another unique name of it.

    `keys` are tried in order, each without regard to case ("number" takes "SDG 8" too); a name
    that two records share is refused with their slugs. `reference=True` reads the whole (small)
    reference table once, for lists such as countries and SDGs, and suggests a near name.
    """

    def __init__(self, model, field="slug", *, keys=(), reference=False, aliases=None, **kwargs):
        self.keys = (field, *[key for key in keys if key != field])
        self.reference = reference
        self.aliases = aliases or {}
        self.table = None
        super().__init__(model, field, **kwargs)

    @property
    def noun(self):
        return str(self.model._meta.verbose_name)

    def clean(self, value, row=None, **kwargs):
        text = text_of(value)
        if isinstance(value, float) and value.is_integer():
            text = str(int(value))
        return self.find(text) if text else None

    def key_value(self, key, text):
        if key == "number":
            match = GOAL.match(text)
            return int(match.group(1)) if match else None
        return text

    def find(self, text):
        if self.reference:
            return self.find_in_table(text)
        for key in self.keys:
            value = self.key_value(key, text)
            if value is None:
                continue
            lookup = key if isinstance(value, int) else f"{key}__iexact"
            matches = list(self.model._default_manager.filter(**{lookup: value})[:3])
            if len(matches) == 1:
                return matches[0]
            if len(matches) > 1:
                slugs = ", ".join(str(getattr(match, self.field)) for match in matches)
                raise CellError(f"“{text}” names more than one {self.noun}; write the slug of one ({slugs}).")
        raise CellError(
            f"There is no {self.noun} “{text}”; write the {self.described_keys()} of one that exists."
        )

    def described_keys(self):
        names = list(dict.fromkeys(str(self.model._meta.get_field(key).verbose_name) for key in self.keys))
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]

    def load_table(self):
        if self.table is None:
            self.table = {}
            records = list(self.model._default_manager.all())
            for key in reversed(self.keys):  # the first key wins a clash
                for record in records:
                    self.table[folded(getattr(record, key))] = record
            for alias, target in self.aliases.items():
                for record in records:
                    if folded(getattr(record, self.field)) == folded(target):
                        self.table.setdefault(folded(alias), record)
        return self.table

    def find_in_table(self, text):
        table = self.load_table()
        record = table.get(folded(text))
        if record is None and "number" in self.keys:
            number = self.key_value("number", text)
            record = table.get(folded(number)) if number is not None else None
        if record is not None:
            return record
        near = difflib.get_close_matches(
            folded(text), [key for key in table if len(key) > 3], n=1, cutoff=0.75
        )
        hint = f" (did you mean {getattr(table[near[0]], self.keys[-1])}?)" if near else ""
        raise CellError(f"There is no {self.noun} “{text}”{hint}; write the {self.described_keys()}.")

    def accepted_values(self):
        if not self.reference:
            return None
        records = self.model._default_manager.all()
        return [(str(getattr(record, self.field)), str(record)) for record in records]


class RecordsWidget(widgets.ManyToManyWidget):
    """Several related records in one cell, separated by ";" (or line breaks), each read as
    `RecordWidget` reads one; every unknown one is named."""

    def __init__(self, model, field="slug", **kwargs):
        self.one = RecordWidget(model, field, **kwargs)
        super().__init__(model, MULTIPLE, field)

    def clean(self, value, row=None, **kwargs):
        if value is None:
            return self.model.objects.none()
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        parts = [text_of(part) for part in re.split(r"[;\n]", str(value))]
        found, problems = [], []
        for part in filter(None, parts):
            try:
                found.append(self.one.find(part))
            except CellError as error:
                problems.append(str(error).rstrip("."))
        if problems:
            raise CellError("; ".join(problems) + ".")
        return found

    def accepted_values(self):
        return self.one.accepted_values()

    @property
    def reference(self):
        return self.one.reference

    def described_keys(self):
        return self.one.described_keys()
