"""Projects as IATI 2.03 activities: the file the ILO publishes, and the import of such files.

Export: `activities_document(projects)` returns a whole file; `iter_activities_document(projects)`
yields it one activity at a time, for a streaming response. Codes follow the IATI codelists and the
file follows the IATI Standard Ruleset as well as the schema (a start date on every activity, dates
in order, no actual date in the future, percentages adding up to 100, budget periods of at most a
year, default language and currency set). What IATI cannot hold (the slug, the precision of a date,
a result's "more than", the Markdown description) is kept in the ILO extension namespace, so a file
exported here imports back into the same projects.

Import: `import_activities(tree)` creates or updates projects by IATI identifier from a parsed,
schema-valid file (see `kernel.iati.parse`), in one transaction; the `import_iati` command
is its front end.
"""

import dataclasses
import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.text import slugify

from donors.models import Donor
from kernel import iati
from kernel.dates import Precision
from kernel.iati import element, ilo, narrative
from kernel.markdown import to_text
from kernel.publishing import Status as PublicationStatus
from kernel.quantities import Qualifier, format_figure
from kernel.taxonomy.models import SDG, Country, Region, Theme
from organisations.models import Organisation
from projects.models import Participant, Project, Result

STREAM_CHUNK = 200


class ActivityDate:
    """IATI ActivityDateType codelist."""

    PLANNED_START, ACTUAL_START, PLANNED_END, ACTUAL_END = "1", "2", "3", "4"


class ActivityScope:
    REGIONAL, MULTI_NATIONAL, NATIONAL = "2", "3", "4"


RESULT_OUTCOME = "2"  # ResultType
MEASURE_UNIT, MEASURE_QUALITATIVE = "1", "5"  # IndicatorMeasure
SECTOR_DAC5 = "1"  # SectorVocabulary: OECD DAC CRS purpose codes, 5 digits
SECTOR_NOT_SPECIFIED = "99810"  # DAC "Sectors not specified": the rulesets want at least one sector
REGION_OECD_DAC = "1"  # RegionVocabulary
TAG_SDG_GOAL, TAG_SDG_TARGET = "2", "3"  # TagVocabulary
BUDGET_ORIGINAL, BUDGET_REVISED, BUDGET_INDICATIVE = "1", "2", "1"  # BudgetType, BudgetStatus
RELATED_PARENT, RELATED_CHILD = "1", "2"  # RelatedActivityType
UNKNOWN_PRECISION = "unknown"  # ours: a start date IATI requires but the record does not have
UNKNOWN_START_NOTE = "The start date is not recorded; this is the date the record was created."


# == export =============================================================================================


def activities_document(projects, *, user=None):
    """The projects as one IATI 2.03 activities file (bytes, UTF-8)."""
    return b"".join(iter_activities_document(projects, user=user))


def iter_activities_document(projects, *, user=None):
    """The file in pieces: the opening, then each activity, then the closing; for streaming.

    `projects` is a queryset (fetched in chunks with everything an activity shows) or a list. Related
    activities and donors are named only when `user` may see them (anonymous: published ones only).
    A file needs at least one activity to be schema-valid; with none, only the frame is yielded.
    """
    today = timezone.localdate()
    yield iati.file_header("iati-activities")
    if isinstance(projects, QuerySet):
        projects = for_export(projects, user=user).iterator(chunk_size=STREAM_CHUNK)
    for project in projects:
        yield iati.serialize(activity_element(project, today=today))
    yield b"</iati-activities>\n"


def for_export(projects, *, user=None):
    """The projects with their parts, fetched in a fixed number of queries per chunk. Relations the
    caller's queryset already fetches are dropped first: they would name drafts, or clash."""
    visible = Project.objects.visible_to(user)
    return (
        projects.select_related(None)
        .prefetch_related(None)
        .prefetch_related(
            Prefetch("parent", queryset=visible.only("pk", "slug", "iati_identifier")),
            Prefetch("children", queryset=visible.only("pk", "slug", "iati_identifier", "parent_id")),
            Prefetch("donors", queryset=Donor.objects.visible_to(user).only("pk", "slug")),
            Prefetch("participants", queryset=Participant.objects.select_related("organisation")),
            Prefetch("results", queryset=Result.objects.select_related("country")),
            "countries",
            "regions",
            "themes",
            "sdgs",
        )
    )


def activity_element(project, *, today=None):
    """One <iati-activity>, its children in the order the 2.03 schema's sequence requires."""
    today = today or timezone.localdate()
    activity = element(
        None,
        "iati-activity",
        {
            "last-updated-datetime": iati.timestamp(project.updated_at) if project.updated_at else None,
            iati.XML_LANG: iati.LANGUAGE,
            "default-currency": iati.CURRENCY,
            "hierarchy": "2" if project.parent_id else None,
        },
    )
    element(activity, "iati-identifier", text=project.iati_id)
    iati.reporting_org(activity)
    narrative(activity, "title", project.title)
    narrative(activity, "description", _description(project), {"type": "1"})
    _participating_orgs(activity, project)
    element(activity, "activity-status", {"code": project.status})
    dates = activity_dates(project, today)
    for kind, day, precision in dates:
        node = element(activity, "activity-date", {"type": kind, "iso-date": day.isoformat()})
        node.set(ilo("precision"), precision)
        if precision == UNKNOWN_PRECISION:
            element(node, "narrative", text=UNKNOWN_START_NOTE)
    _geography(activity, project)
    _sectors(activity, project)
    for sdg in project.sdgs.all():
        element(activity, "tag", {"vocabulary": TAG_SDG_GOAL, "code": sdg.number})
    _budgets(activity, project)
    if project.parent is not None:
        element(activity, "related-activity", {"ref": project.parent.iati_id, "type": RELATED_PARENT})
    for child in sorted(project.children.all(), key=lambda child: child.iati_id):
        element(activity, "related-activity", {"ref": child.iati_id, "type": RELATED_CHILD})
    period = result_period(project, dates)
    for result in project.results.all():
        _result(activity, result, period)
    _extension(activity, project)
    return activity


def _description(project):
    text = "\n\n".join(part for part in (to_text(project.summary), to_text(project.description)) if part)
    return text or project.title


def _participating_orgs(activity, project):
    """Each participant in its IATI role; the ILO as accountable when it is not there, since the
    reporting organisation should appear among the participating ones."""
    ilo_ref = iati.reporting_org_ref()
    for participant in project.participants.all():
        organisation = participant.organisation
        node = narrative(
            activity,
            "participating-org",
            organisation.name,
            {"ref": organisation.iati_identifier, "type": organisation.type, "role": participant.role},
        )
        for name, value in (
            ("slug", organisation.slug),
            ("category", organisation.category),
            ("acronym", organisation.acronym),
            ("amount-usd", iati.money(participant.amount_usd) if participant.amount_usd is not None else ""),
            ("note", participant.note),
            ("position", participant.position),
        ):
            if value not in ("", None):
                node.set(ilo(name), iati.clean(value))
    if not any(p.organisation.iati_identifier == ilo_ref for p in project.participants.all()):
        node = narrative(
            activity,
            "participating-org",
            iati.REPORTING_ORG_NAME,
            {"ref": ilo_ref, "type": iati.REPORTING_ORG_TYPE, "role": Participant.Role.ACCOUNTABLE},
        )
        node.set(ilo("implied"), "1")  # added for IATI, not a participant of the record


def activity_dates(project, today):
    """[(activity-date type, date, precision)]: actual start once implementation has begun, actual end
    once finalised or closed, planned otherwise, and never an actual date in the future. A project
    without a start date gets the date its record was created as a planned start, marked as such:
    the rulesets want a start date on every activity."""
    dates = []
    if project.start_date:
        actual = project.status != Project.Status.PIPELINE and project.start_date <= today
        kind = ActivityDate.ACTUAL_START if actual else ActivityDate.PLANNED_START
        dates.append((kind, project.start_date, project.start_precision))
    else:
        stand_in = project.created_at.date() if project.created_at else today
        if project.end_date:
            stand_in = min(stand_in, project.end_date)
        dates.append((ActivityDate.PLANNED_START, stand_in, UNKNOWN_PRECISION))
    if project.end_date:
        finished = project.status in (Project.Status.FINALISATION, Project.Status.CLOSED)
        actual = finished and project.end_date <= today
        kind = ActivityDate.ACTUAL_END if actual else ActivityDate.PLANNED_END
        dates.append((kind, project.end_date, project.end_precision))
    return dates


def _geography(activity, project):
    """Countries sharing 100%; regions only for a project without countries (IATI lets both appear
    only when their percentages together make 100, and a project's regions contain its countries)."""
    countries = list(project.countries.all())
    regions = [region for region in project.regions.all() if region.iati_code]
    if countries:
        scope = ActivityScope.NATIONAL if len(countries) == 1 else ActivityScope.MULTI_NATIONAL
    else:
        scope = ActivityScope.REGIONAL if regions else None
    if scope:
        element(activity, "activity-scope", {"code": scope})
    for country, share in zip(countries, iati.percentages(len(countries)), strict=True):
        element(activity, "recipient-country", {"code": country.code, "percentage": iati.number(share)})
    if not countries:
        for region, share in zip(regions, iati.percentages(len(regions)), strict=True):
            element(
                activity,
                "recipient-region",
                {"code": region.iati_code, "vocabulary": REGION_OECD_DAC, "percentage": iati.number(share)},
            )


def _sectors(activity, project):
    codes = list(dict.fromkeys(theme.dac_sector for theme in project.themes.all()))
    if not codes:
        codes = [SECTOR_NOT_SPECIFIED]
    for code, share in zip(codes, iati.percentages(len(codes)), strict=True):
        element(
            activity, "sector", {"vocabulary": SECTOR_DAC5, "code": code, "percentage": iati.number(share)}
        )


def _budgets(activity, project):
    """The budget as original, indicative budgets of a year at most, when the project's dates are known;
    otherwise no budget element (the exact figure is in the extension either way)."""
    if project.budget_usd is None or not (project.start_date and project.end_date):
        return
    periods = iati.yearly_periods(project.start_date, project.end_date)
    for (start, end), amount in zip(periods, iati.split_amount(project.budget_usd, periods), strict=True):
        budget = element(activity, "budget", {"type": BUDGET_ORIGINAL, "status": BUDGET_INDICATIVE})
        element(budget, "period-start", {"iso-date": start.isoformat()})
        element(budget, "period-end", {"iso-date": end.isoformat()})
        element(
            budget,
            "value",
            {"currency": iati.CURRENCY, "value-date": start.isoformat()},
            text=iati.money(amount),
        )


def result_period(project, dates):
    """The period a result's figure covers when the result gives no year: the project's, ending at its
    last update when the project has no end date."""
    start = dates[0][1]
    last_update = project.updated_at.date() if project.updated_at else timezone.localdate()
    return start, max(start, project.end_date or last_update)


def _result(activity, result, period):
    """An outcome with one indicator: a count in the result's unit, or qualitative when it has no figure."""
    node = element(activity, "result", {"type": RESULT_OUTCOME})
    narrative(node, "title", result.title)
    for name, value in (
        ("country", result.country_id),
        ("place", result.place),
        ("year", result.year),
        ("position", result.position),
    ):
        if value not in ("", None):
            node.set(ilo(name), iati.clean(value))
    counted = result.value is not None
    indicator = element(node, "indicator", {"measure": MEASURE_UNIT if counted else MEASURE_QUALITATIVE})
    narrative(indicator, "title", result.unit or result.title)
    if result.unit:
        indicator.set(ilo("unit"), iati.clean(result.unit))
    if result.qualifier:
        indicator.set(ilo("qualifier"), result.qualifier)
    if not counted:
        return
    if result.year:
        start, end = datetime.date(result.year, 1, 1), datetime.date(result.year, 12, 31)
    else:
        start, end = period
    period_node = element(indicator, "period")
    element(period_node, "period-start", {"iso-date": start.isoformat()})
    element(period_node, "period-end", {"iso-date": end.isoformat()})
    actual = element(period_node, "actual", {"value": iati.number(result.value)})
    said = " ".join(part for part in (format_figure(result.value, result.qualifier), result.unit) if part)
    where = ", ".join(
        part for part in (result.place, result.country.name if result.country_id else "") if part
    )
    narrative(actual, "comment", f"{said} ({where})" if where else said)


def _extension(activity, project):
    """<ilo:project>: what the import needs to give back the same project, beyond what IATI holds."""
    node = element(
        activity,
        ilo("project"),
        {
            "slug": project.slug,
            "kind": project.kind,
            "acronym": project.acronym,
            "budget-usd": iati.money(project.budget_usd) if project.budget_usd is not None else None,
        },
    )
    if project.summary:
        element(node, ilo("summary"), text=project.summary)
    if project.description:
        element(node, ilo("description"), text=project.description)
    for theme in project.themes.all():
        element(node, ilo("theme"), {"slug": theme.slug})
    for region in project.regions.all():
        element(node, ilo("region"), {"slug": region.slug})
    for donor in project.donors.all():
        element(node, ilo("donor"), {"slug": donor.slug})


# == import =============================================================================================


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

    def as_tuple(self):
        return dataclasses.astuple(self)


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


@dataclasses.dataclass
class ImportReport:
    created: list = dataclasses.field(default_factory=list)
    updated: list = dataclasses.field(default_factory=list)
    skipped: list = dataclasses.field(default_factory=list)  # (identifier, reason)
    warnings: list = dataclasses.field(default_factory=list)

    def summary(self):
        return f"Created {len(self.created)}, updated {len(self.updated)}, skipped {len(self.skipped)}."


def import_activities(tree, *, strict=False, publish=False, progress=None):
    """Create or update a project for each activity of a schema-valid IATI file, in one transaction.

    An activity that cannot be taken (an unknown country, an unknown status code…) is skipped and
    reported; with `strict`, ImportRefused is raised instead and nothing is written. New projects and
    organisations are drafts; `publish` publishes the imported projects. `progress` has `advance()`.
    """
    return ActivityImport(strict=strict, publish=publish, progress=progress).run(tree)


# What a new organisation is, when a file gives only its IATI type.
CATEGORY_FOR_TYPE = {
    Organisation.Type.GOVERNMENT: Organisation.Category.MINISTRY,
    Organisation.Type.LOCAL_GOVERNMENT: Organisation.Category.MINISTRY,
    Organisation.Type.OTHER_PUBLIC: Organisation.Category.AGENCY,
    Organisation.Type.INTERNATIONAL_NGO: Organisation.Category.NGO,
    Organisation.Type.NATIONAL_NGO: Organisation.Category.NGO,
    Organisation.Type.REGIONAL_NGO: Organisation.Category.NGO,
    Organisation.Type.PARTNER_COUNTRY_NGO: Organisation.Category.NGO,
    Organisation.Type.MULTILATERAL: Organisation.Category.INTERGOVERNMENTAL,
    Organisation.Type.PRIVATE_SECTOR: Organisation.Category.COMPANY,
    Organisation.Type.PRIVATE_PROVIDER: Organisation.Category.COMPANY,
    Organisation.Type.PRIVATE_RECIPIENT: Organisation.Category.COMPANY,
    Organisation.Type.PRIVATE_THIRD: Organisation.Category.COMPANY,
    Organisation.Type.ACADEMIC: Organisation.Category.ACADEMIC,
}


class ActivityImport:
    """One import: the reference data looked up once, the activities read and checked, then written."""

    def __init__(self, *, strict, publish, progress):
        self.strict, self.publish, self.progress = strict, publish, progress
        self.report = ImportReport()
        self.countries = set(Country.objects.values_list("code", flat=True))
        self.regions_by_code = {}
        for region in Region.objects.exclude(iati_code=""):
            self.regions_by_code.setdefault(region.iati_code, region)
        self.regions_by_slug = {region.slug: region for region in Region.objects.all()}
        self.themes_by_slug = {theme.slug: theme for theme in Theme.objects.all()}
        self.themes_by_sector = {}
        for theme in Theme.objects.order_by("name"):
            self.themes_by_sector.setdefault(theme.dac_sector, theme)
        self.sdgs = set(SDG.objects.values_list("number", flat=True))
        self.organisations = {}

    def run(self, tree):
        records = []
        seen = set()
        for activity in tree.getroot().iterfind("iati-activity"):
            identifier = (activity.findtext("iati-identifier") or "").strip()
            try:
                if not identifier:
                    raise ActivitySkipped("no iati-identifier")
                if identifier in seen:
                    raise ActivitySkipped("the identifier appears twice in the file")
                seen.add(identifier)
                records.append(self.read(activity, identifier))
            except ActivitySkipped as skip:
                self.skip(identifier or f"activity on line {activity.sourceline}", str(skip))
            except (ValueError, ArithmeticError) as error:  # a date or number Python cannot hold
                self.skip(
                    identifier or f"activity on line {activity.sourceline}", f"unreadable value: {error}"
                )
        if self.strict and self.report.skipped:
            raise ImportRefused(self.report.skipped)
        if self.progress and self.report.skipped:
            self.progress.advance(len(self.report.skipped))
        with transaction.atomic():
            written = []
            for record in records:
                project = self.write_one(record)
                if project is not None:
                    written.append((record, project))
                if self.progress:
                    self.progress.advance()
            self.link_parents(written)
        return self.report

    def skip(self, identifier, reason):
        self.report.skipped.append((identifier, reason))

    def warn(self, identifier, message):
        self.report.warnings.append(f"{identifier}: {message}")

    # -- reading -----------------------------------------------------------------------------------------

    def read(self, activity, identifier):
        extension = activity.find(ilo("project"))
        ours = extension is not None
        title = _text(activity.find("title"))
        if not title:
            raise ActivitySkipped("the title is empty")
        status = activity.find("activity-status").get("code", "")
        if status not in Project.Status.values:
            raise ActivitySkipped(f"unknown activity-status code {status!r}")
        fields = {"title": title, "status": status}
        fields.update(self.read_dates(activity, identifier))
        if ours:
            kind = extension.get("kind", "")
            fields.update(
                summary=extension.findtext(ilo("summary")) or "",
                description=extension.findtext(ilo("description")) or "",
                acronym=extension.get("acronym", ""),
                kind=kind if kind in Project.Kind.values else Project.Kind.PROJECT,
                budget_usd=_decimal(extension.get("budget-usd")),
            )
        else:
            descriptions = activity.findall("description")
            general = [node for node in descriptions if node.get("type", "1") == "1"] or descriptions
            fields.update(summary="", description=_text(general[0]) if general else "")
            fields["budget_usd"] = self.read_budget(activity, identifier)
        record = ActivityRecord(identifier=identifier, line=activity.sourceline, fields=fields)
        record.slug = self.slug_hint(identifier, extension)
        record.countries = self.read_countries(activity)
        record.regions = self.read_regions(activity, extension, identifier)
        record.themes = self.read_themes(activity, extension, identifier)
        record.sdgs = self.read_sdgs(activity)
        if ours:
            record.donors = [node.get("slug", "") for node in extension.iterfind(ilo("donor"))]
        record.participants = self.read_participants(activity, identifier)
        record.results = self.read_results(activity, identifier, ours)
        for related in activity.iterfind("related-activity"):
            if related.get("type") == RELATED_PARENT and not record.parent_ref:
                record.parent_ref = related.get("ref", "").strip()
            elif related.get("type") == RELATED_CHILD:
                record.child_refs.append(related.get("ref", "").strip())
        return record

    def read_dates(self, activity, identifier):
        found = {}
        for node in activity.iterfind("activity-date"):
            found.setdefault(node.get("type"), node)
        values = {}
        for end, (actual, planned) in (
            ("start", (ActivityDate.ACTUAL_START, ActivityDate.PLANNED_START)),
            ("end", (ActivityDate.ACTUAL_END, ActivityDate.PLANNED_END)),
        ):
            node = found.get(actual, found.get(planned))
            precision = node.get(ilo("precision"), Precision.DAY) if node is not None else Precision.DAY
            if node is None or precision == UNKNOWN_PRECISION:
                values[f"{end}_date"], values[f"{end}_precision"] = None, Precision.DAY
                continue
            values[f"{end}_date"] = _date(node.get("iso-date"))
            values[f"{end}_precision"] = precision if precision in Precision.values else Precision.DAY
        if values["start_date"] and values["end_date"] and values["end_date"] < values["start_date"]:
            raise ActivitySkipped("the end date is before the start date")
        return values

    def read_budget(self, activity, identifier):
        budgets = activity.findall("budget")
        revised = [node for node in budgets if node.get("type") == BUDGET_REVISED]
        chosen = revised or [node for node in budgets if node.get("type", BUDGET_ORIGINAL) == BUDGET_ORIGINAL]
        if not chosen:
            return None
        default_currency = activity.get("default-currency", "")
        total = Decimal(0)
        for budget in chosen:
            value = budget.find("value")
            currency = value.get("currency") or default_currency
            if currency != iati.CURRENCY:
                self.warn(
                    identifier, f"budget in {currency or 'an unstated currency'} left out: only USD is kept"
                )
                return None
            total += Decimal(value.text.strip())
        return total

    def slug_hint(self, identifier, extension):
        if extension is not None and slugify(extension.get("slug", "")):
            return slugify(extension.get("slug"))[:120]
        prefix = f"{iati.reporting_org_ref()}-"
        if identifier.startswith(prefix) and slugify(identifier[len(prefix) :]) == identifier[len(prefix) :]:
            return identifier[len(prefix) :][:120]
        return ""

    def read_countries(self, activity):
        codes = []
        for node in activity.iterfind("recipient-country"):
            code = node.get("code", "").strip().upper()
            if code not in self.countries:
                raise ActivitySkipped(f"unknown recipient-country code {node.get('code')!r}")
            if code not in codes:
                codes.append(code)
        return codes

    def read_regions(self, activity, extension, identifier):
        if extension is not None:
            slugs = [node.get("slug", "") for node in extension.iterfind(ilo("region"))]
            return self._known(slugs, self.regions_by_slug, identifier, "region")
        regions = []
        for node in activity.iterfind("recipient-region"):
            if node.get("vocabulary", REGION_OECD_DAC) != REGION_OECD_DAC:
                continue
            region = self.regions_by_code.get(node.get("code", "").strip())
            if region is None:
                self.warn(identifier, f"recipient-region {node.get('code')} is not an ILO region; left out")
            elif region not in regions:
                regions.append(region)
        return regions

    def read_themes(self, activity, extension, identifier):
        if extension is not None:
            slugs = [node.get("slug", "") for node in extension.iterfind(ilo("theme"))]
            return self._known(slugs, self.themes_by_slug, identifier, "theme")
        themes = []
        for node in activity.iterfind("sector"):
            code = node.get("code", "").strip()
            if node.get("vocabulary", SECTOR_DAC5) != SECTOR_DAC5 or code == SECTOR_NOT_SPECIFIED:
                continue
            theme = self.themes_by_sector.get(code)
            if theme is None:
                self.warn(identifier, f"sector {code} matches no theme; left out")
            elif theme not in themes:
                themes.append(theme)
        return themes

    def _known(self, slugs, known, identifier, noun):
        found = []
        for slug in slugs:
            if slug in known:
                found.append(known[slug])
            else:
                self.warn(identifier, f"unknown {noun} {slug!r} left out")
        return found

    def read_sdgs(self, activity):
        numbers = []
        for node in activity.iterfind("tag"):
            vocabulary, code = node.get("vocabulary"), node.get("code", "").strip()
            if vocabulary == TAG_SDG_TARGET:
                code = code.split(".")[0]  # target 8.3 belongs to goal 8
            elif vocabulary != TAG_SDG_GOAL:
                continue
            if code.isdigit() and int(code) in self.sdgs and int(code) not in numbers:
                numbers.append(int(code))
        return numbers

    def read_participants(self, activity, identifier):
        participants, per_role = [], {}
        for node in activity.iterfind("participating-org"):
            if node.get(ilo("implied")) == "1":
                continue  # the ILO, added on export only because IATI wants the reporting org present
            role = node.get("role", "")
            if role not in Participant.Role.values:
                self.warn(identifier, f"participating-org with unknown role {role!r} left out")
                continue
            name = _text(node) or node.get("ref", "").strip()
            if not name:
                self.warn(identifier, "participating-org with neither name nor ref left out")
                continue
            per_role[role] = per_role.get(role, 0) + 1
            position = node.get(ilo("position"), "")
            participants.append(
                ParticipantRecord(
                    role=role,
                    name=name,
                    ref=node.get("ref", "").strip(),
                    type=node.get("type", ""),
                    slug=node.get(ilo("slug"), ""),
                    category=node.get(ilo("category"), ""),
                    acronym=node.get(ilo("acronym"), ""),
                    amount_usd=_decimal(node.get(ilo("amount-usd"))),
                    note=node.get(ilo("note"), ""),
                    position=int(position) if position.isdigit() else per_role[role],
                )
            )
        return participants

    def read_results(self, activity, identifier, ours):
        results = []
        for index, node in enumerate(activity.iterfind("result"), start=1):
            indicator = node.find("indicator")
            actual = indicator.find("period/actual[@value]")
            value = None
            if actual is not None:
                value = _decimal(actual.get("value").replace(",", ""))
                if value is None:
                    self.warn(identifier, f"result value {actual.get('value')!r} is not a number; left out")
            title = _text(node.find("title"))
            if ours:
                unit = indicator.get(ilo("unit"), "")
            else:
                unit = _text(indicator.find("title"))
                unit = "" if unit == title else unit
            qualifier = indicator.get(ilo("qualifier"), "")
            country = node.get(ilo("country"), "") or None
            year = node.get(ilo("year"), "")
            position = node.get(ilo("position"), "")
            results.append(
                ResultRecord(
                    title=title,
                    value=value,
                    qualifier=qualifier if qualifier in Qualifier.values else "",
                    unit=unit,
                    country=country if country in self.countries else None,
                    place=node.get(ilo("place"), ""),
                    year=int(year) if year.isdigit() else _single_year(indicator) if not ours else None,
                    position=int(position) if position.isdigit() else index,
                )
            )
        return results

    # -- writing -----------------------------------------------------------------------------------------

    def write_one(self, record):
        """The record as a project, in a savepoint: a failure skips it (or, strict, ends the import)."""
        known = dict(self.organisations)
        try:
            with transaction.atomic():
                return self.write(record)
        except (ValidationError, IntegrityError, ActivitySkipped) as error:
            self.organisations = known  # organisations made for this activity were rolled back with it
            reason = _reason(error)
            if self.strict:
                raise ImportRefused([(record.identifier, reason)]) from error
            self.skip(record.identifier, reason)
            return None

    def write(self, record):
        project = self.find_project(record.identifier)
        created = project is None
        if created:
            slug = self.unique_slug(
                Project, record.slug or slugify(record.fields["title"])[:110] or "project"
            )
            project = Project(slug=slug, publication_status=PublicationStatus.DRAFT)
            derived = f"{iati.reporting_org_ref()}-{slug}"
            project.iati_identifier = "" if record.identifier == derived else record.identifier
        for name, value in record.fields.items():
            setattr(project, name, value)
        if self.publish:
            project.publication_status = PublicationStatus.PUBLISHED
            project.published_at = project.published_at or timezone.now()
        project.full_clean(exclude=["parent"], validate_unique=False)
        project.save()
        project.countries.set(record.countries)
        project.regions.set(record.regions)
        project.themes.set(record.themes)
        project.sdgs.set(record.sdgs)
        if record.donors is not None:
            donors = list(Donor.objects.filter(slug__in=record.donors))
            for slug in set(record.donors) - {donor.slug for donor in donors}:
                self.warn(record.identifier, f"unknown donor {slug!r} left out")
            project.donors.set(donors)
        self.write_participants(project, record)
        self.write_results(project, record)
        (self.report.created if created else self.report.updated).append(record.identifier)
        return project

    def find_project(self, identifier):
        """The project published under the identifier: stored as such, or derived from its slug."""
        project = Project.objects.filter(iati_identifier=identifier).first()
        prefix = f"{iati.reporting_org_ref()}-"
        if project is None and identifier.startswith(prefix):
            project = Project.objects.filter(iati_identifier="", slug=identifier[len(prefix) :]).first()
        return project

    def unique_slug(self, model, base):
        slug, suffix = base, 2
        while model.objects.filter(slug=slug).exists():
            slug, suffix = f"{base[:110]}-{suffix}", suffix + 1
        return slug

    def write_participants(self, project, record):
        """Bring the project's participants in line with the file, touching only what changed."""
        existing = {(p.organisation_id, p.role): p for p in project.participants.all()}
        kept = set()
        for entry in record.participants:
            organisation = self.organisation(entry, record.identifier)
            key = (organisation.pk, entry.role)
            if key in kept:
                continue
            kept.add(key)
            values = {"amount_usd": entry.amount_usd, "note": entry.note[:300], "position": entry.position}
            participant = existing.get(key)
            if participant is None:
                participant = Participant(
                    project=project, organisation=organisation, role=entry.role, **values
                )
            elif all(getattr(participant, name) == value for name, value in values.items()):
                continue
            else:
                for name, value in values.items():
                    setattr(participant, name, value)
            participant.full_clean(exclude=["project", "organisation"], validate_unique=False)
            participant.save()
        for key, participant in existing.items():
            if key not in kept:
                participant.delete()

    def organisation(self, entry, identifier):
        """The organisation a participating-org names: by IATI identifier, by slug, by exact name, or
        else a new draft organisation."""
        for key in (("ref", entry.ref), ("slug", entry.slug), ("name", entry.name)):
            if key[1] and key in self.organisations:
                return self.organisations[key]
        organisation = None
        if entry.ref:
            organisation = Organisation.objects.filter(iati_identifier=entry.ref).first()
        if organisation is None and entry.slug:
            organisation = Organisation.objects.filter(slug=entry.slug).first()
        if organisation is None:
            organisation = Organisation.objects.filter(name=entry.name).order_by("pk").first()
        if organisation is None:
            kind = entry.type if entry.type in Organisation.Type.values else Organisation.Type.OTHER
            category = entry.category
            if category not in Organisation.Category.values:
                category = CATEGORY_FOR_TYPE.get(kind, Organisation.Category.OTHER)
            organisation = Organisation(
                name=entry.name[:200],
                slug=self.unique_slug(
                    Organisation, slugify(entry.slug or entry.name)[:110] or "organisation"
                ),
                acronym=entry.acronym[:40],
                type=kind,
                category=category,
                iati_identifier=entry.ref,
                publication_status=PublicationStatus.DRAFT,
            )
            organisation.full_clean(validate_unique=False)
            organisation.save()
            self.warn(identifier, f"new draft organisation {organisation.name!r} created")
        for key in (("ref", entry.ref), ("slug", entry.slug), ("name", entry.name)):
            if key[1]:
                self.organisations[key] = organisation
        return organisation

    def write_results(self, project, record):
        """Replace the project's results when the file says something different."""
        current = [
            ResultRecord(
                title=r.title,
                value=r.value,
                qualifier=r.qualifier,
                unit=r.unit,
                country=r.country_id,
                place=r.place,
                year=r.year,
                position=r.position,
            ).as_tuple()
            for r in project.results.all()
        ]
        if current == [entry.as_tuple() for entry in record.results]:
            return
        project.results.all().delete()
        for entry in record.results:
            result = Result(
                project=project,
                title=entry.title,
                value=entry.value,
                qualifier=entry.qualifier,
                unit=entry.unit,
                country_id=entry.country,
                place=entry.place,
                year=entry.year,
                position=entry.position,
            )
            result.full_clean(exclude=["project", "country"])
            result.save()

    def link_parents(self, written):
        """Second pass, once every project exists: parents from related-activity, either way round."""
        by_identifier = {record.identifier: project for record, project in written}
        for record, project in written:
            if record.parent_ref:
                parent = by_identifier.get(record.parent_ref) or self.find_project(record.parent_ref)
                if parent is None:
                    self.warn(record.identifier, f"parent activity {record.parent_ref} not found")
                else:
                    self.set_parent(project, parent, record.identifier)
            for ref in record.child_refs:
                child = by_identifier.get(ref) or self.find_project(ref)
                if child is not None:
                    self.set_parent(child, project, record.identifier)

    def set_parent(self, project, parent, identifier):
        if project.parent_id == parent.pk:
            return
        ancestor = parent
        while ancestor is not None:
            if ancestor.pk == project.pk:
                self.warn(identifier, f"{parent.iati_id} as parent would make a loop; left out")
                return
            ancestor = ancestor.parent
        project.parent = parent
        project.save(update_fields=["parent", "updated_at"])


def _text(node):
    """An element's narrative, stripped: the one marked English, else one in the activity's language,
    else the first."""
    if node is None:
        return ""
    narratives = node.findall("narrative")
    if not narratives:
        return ""
    # Sorted by preference; sort is stable, so the file's order decides among equals.
    preferred = sorted(narratives, key=lambda n: {iati.LANGUAGE: 0, None: 1}.get(n.get(iati.XML_LANG), 2))
    return (preferred[0].text or "").strip()


def _date(value):
    return datetime.date.fromisoformat((value or "").strip()[:10])


def _decimal(value):
    if value in (None, ""):
        return None
    try:
        number = Decimal(value.strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _single_year(indicator):
    """The year a foreign file's first period covers, when it is exactly one calendar year."""
    period = indicator.find("period")
    if period is None:
        return None
    start, end = (
        _date(period.find("period-start").get("iso-date")),
        _date(period.find("period-end").get("iso-date")),
    )
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return start.year
    return None


def _reason(error):
    if isinstance(error, ValidationError):
        messages = []
        for field, errors in (
            error.message_dict.items() if hasattr(error, "error_dict") else [("", error.messages)]
        ):
            label = "" if field in ("", "__all__") else f"{field}: "
            messages.extend(f"{label}{message}" for message in errors)
        return "; ".join(messages)
    return str(error)
