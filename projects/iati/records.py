"""What an imported activity is read into, before anything is written, and the report of an import."""

import dataclasses
from decimal import Decimal


class ActivitySkipped(Exception):
    """An activity that cannot become a project: the reason is the message."""


class ImportRefused(Exception):
    """A --strict import found activities it cannot take; nothing was written."""

    def __init__(self, skipped):
        self.skipped = skipped
        super().__init__("; ".join(f"{identifier}: {reason}" for identifier, reason in skipped))


@dataclasses.dataclass
class ParticipantRecord:
    role: str
    name: str
    ref: str = ""
    type: str = ""
    slug: str = ""
    category: str = ""
    acronym: str = ""
    amount_usd: Decimal | None = None
    note: str = ""
    position: int = 0
    # The organisation's name in the site's other languages ({"name_fr": …}), for a new organisation;
    # the participant's note in them and how each language was made ({"note_fr": …, "fr_translation": …}).
    name_translations: dict = dataclasses.field(default_factory=dict)
    translations: dict = dataclasses.field(default_factory=dict)


@dataclasses.dataclass
class PeriodRecord:
    """An indicator's period: what it aimed at and reached."""

    period_start: object  # datetime.date
    period_end: object
    target: Decimal | None = None
    actual: Decimal | None = None


@dataclasses.dataclass
class IndicatorRecord:
    title: str
    measure: str
    ascending: bool = True
    unit: str = ""
    baseline_year: int | None = None
    baseline_value: Decimal | None = None
    position: int = 0
    translations: dict = dataclasses.field(default_factory=dict)  # {"title_fr": …, "unit_fr": …, …}
    periods: list = dataclasses.field(default_factory=list)  # PeriodRecord


@dataclasses.dataclass
class ResultRecord:
    title: str
    value: Decimal | None = None
    qualifier: str = ""
    unit: str = ""
    country: str | None = None
    place: str = ""
    year: int | None = None
    position: int = 0
    translations: dict = dataclasses.field(default_factory=dict)  # {"title_fr": …, "fr_translation": …}
    indicators: list = dataclasses.field(default_factory=list)  # IndicatorRecord


@dataclasses.dataclass
class OrganisationRef:
    """A provider-org or receiver-org: found among the organisations by `ref` or `slug`, or else kept
    as the name written on the amount."""

    name: str = ""
    ref: str = ""
    slug: str = ""


@dataclasses.dataclass
class AmountRecord:
    """A budget, planned disbursement or transaction: its model's field values (`fields`), with the
    provider and receiver still to be found."""

    fields: dict
    provider: OrganisationRef | None = None
    receiver: OrganisationRef | None = None


@dataclasses.dataclass
class DocumentRecord:
    """A document-link: the source a project is taken from (`slug` when the file is ours)."""

    url: str
    title: str
    format: str = ""
    category: str = ""
    language: str = ""
    date: object = None  # datetime.date
    slug: str = ""
    kind: str = ""
    publisher: str = ""
    date_precision: str = ""
    translations: dict = dataclasses.field(default_factory=dict)  # {"title_fr": …, "fr_translation": …}


@dataclasses.dataclass
class ActivityRecord:
    """An activity read from a file, checked against the reference data, ready to be written."""

    identifier: str
    line: int
    fields: dict
    slug: str = ""
    countries: list = dataclasses.field(default_factory=list)
    regions: list = dataclasses.field(default_factory=list)
    themes: list = dataclasses.field(default_factory=list)
    sdgs: list = dataclasses.field(default_factory=list)
    donors: list | None = None
    participants: list = dataclasses.field(default_factory=list)
    results: list = dataclasses.field(default_factory=list)
    parent_ref: str = ""
    child_refs: list = dataclasses.field(default_factory=list)
    documents: list = dataclasses.field(default_factory=list)  # DocumentRecord
    budgets: list = dataclasses.field(default_factory=list)  # AmountRecord
    planned_disbursements: list = dataclasses.field(default_factory=list)  # AmountRecord
    transactions: list = dataclasses.field(default_factory=list)  # AmountRecord


@dataclasses.dataclass
class ImportReport:
    created: list = dataclasses.field(default_factory=list)
    updated: list = dataclasses.field(default_factory=list)
    skipped: list = dataclasses.field(default_factory=list)  # (identifier, reason)
    warnings: list = dataclasses.field(default_factory=list)

    def summary(self):
        return f"Created {len(self.created)}, updated {len(self.updated)}, skipped {len(self.skipped)}."
