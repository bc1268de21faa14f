"""Fill a database with many realistic, varied records, for benchmarks and scale tests.

Every relation is used (donors with contributions and ODA, organisations under donors and
parents, projects with parents, countries, regions, themes, SDGs, participants and results,
events with organisers, speakers, parents, projects and donors), and about one record in
twenty is a draft. Projects get money over time (yearly budgets, some revised; planned
disbursements; incoming funds, commitments, disbursements and expenditures, some in euros, francs
and yen converted at demo exchange rates, a few in a currency no rate covers) and their results
indicators with yearly targets and actual values. Rows are written in bulk (COPY on PostgreSQL,
bulk_create in batches elsewhere), so 100,000 projects take a minute or two on two cores.
"""

import datetime
import random
import sys
import time
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from donors.models import Contribution, Donor, OdaFigure, PriorityArea
from events.models import Event, Organiser, Speaker
from kernel import services
from kernel.dates import Precision
from kernel.progress import Progress
from kernel.publishing import Status
from kernel.taxonomy.models import SDG, Country, Region, Theme
from kernel.versioning import bump_content_version
from organisations.models import Organisation, Person
from projects.models import (
    Budget,
    BudgetType,
    ExchangeRate,
    Indicator,
    IndicatorPeriod,
    Participant,
    PlannedDisbursement,
    Project,
    Result,
    Transaction,
)

BATCH = 2000
DRAFT_SHARE = 0.05

TOPICS = [
    "social protection floors", "skills for green jobs", "formalization of the informal economy",
    "occupational safety and health", "child labour in agriculture", "social dialogue",
    "labour inspection", "youth employment", "cooperatives and the social economy",
    "labour migration governance", "crisis recovery and livelihoods", "enterprise development",
    "minimum wage policy", "maternity protection", "unemployment insurance", "just transition",
]  # fmt: skip
VERBS = ["Strengthening", "Promoting", "Building", "Expanding", "Supporting", "Improving", "Advancing"]
PLACES = ["in Asia", "in the Pacific", "in Africa", "in the Arab States", "in Latin America", "worldwide"]
UNITS = ["workers", "enterprises", "trainees", "households", "inspectors", "cooperatives", "policies"]
FIRST = ["Aiko", "Amara", "Carlos", "Fatima", "Hiro", "Ines", "Jun", "Kofi", "Lena", "Mei", "Omar", "Priya"]
LAST = ["Tanaka", "Mensah", "Silva", "Haddad", "Kim", "Nguyen", "Okafor", "Rossi", "Sato", "Singh"]
EVENT_WORDS = ["Seminar", "Workshop", "Conference", "Webinar", "Round table"]
# Currencies of the demo money, by weight, and about what a unit was worth in dollars (the demo rates
# wander around it year by year). NOK has no rate: its amounts stay unconverted, as the rule says.
CURRENCY_WEIGHTS = {"USD": 70, "EUR": 12, "CHF": 8, "JPY": 8, "NOK": 2}
USD_PER_UNIT = {"EUR": 1.15, "CHF": 1.02, "JPY": 0.0092}
RATE_SOURCE = "Demo rates (invented for the demo data, not real)"
ZONES = ["Asia/Tokyo", "Europe/Zurich", "Africa/Nairobi", "America/Lima", "Asia/Bangkok", "UTC"]


# Field types whose Python values PostgreSQL's COPY takes as they are (`copied`); any other field's
# value goes through the field's own preparation for the database.
AS_THEY_ARE = {
    "AutoField", "BigAutoField", "BigIntegerField", "BooleanField", "CharField", "DateField",
    "DateTimeField", "DecimalField", "EmailField", "ForeignKey", "IntegerField", "OneToOneField",
    "PositiveIntegerField", "PositiveSmallIntegerField", "SlugField", "SmallIntegerField",
    "TextField", "URLField",
}  # fmt: skip


def copied(model, rows):
    """Insert `rows` (unsaved instances of `model`) with PostgreSQL's COPY, their primary keys drawn
    from the table's sequence first and set on them, as `bulk_create` would set them. COPY skips
    what `bulk_create` spends most of its time on (preparing every value of every row through its
    field, and an INSERT of 2,000 rows' worth of parameters): the rows are the same, written as
    they are, and the fields' `pre_save` (a creation time) still runs. No signal, like bulk_create."""
    if not rows:
        return
    meta = model._meta
    pk = meta.pk
    fields = [field for field in meta.concrete_fields if not getattr(field, "generated", False)]
    with connection.cursor() as cursor:
        if getattr(rows[0], pk.attname) is None:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, pk.column, len(rows)],
            )
            for row, (key,) in zip(rows, cursor.fetchall(), strict=True):
                setattr(row, pk.attname, key)
        plain = [field.get_internal_type() in AS_THEY_ARE for field in fields]
        stamped = [
            field
            for field in fields
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
        ]
        quote = connection.ops.quote_name
        columns = ", ".join(quote(field.column) for field in fields)
        with cursor.cursor.copy(f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN") as copy:
            for row in rows:
                for field in stamped:
                    field.pre_save(row, add=True)
                copy.write_row(
                    [
                        getattr(row, field.attname)
                        if as_it_is
                        else field.get_db_prep_save(getattr(row, field.attname), connection)
                        for field, as_it_is in zip(fields, plain, strict=True)
                    ]
                )


def analyze(connection):
    """Fresh statistics for PostgreSQL's planner after a bulk load: without them it guesses
    (autovacuum analyzes only later) and picks plans many times slower (docs/performance.md).
    SQLite's planner did as well or better here without statistics, so it is left as it is."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


class Command(BaseCommand):
    help = "Generate realistic demo donors, organisations, projects and events in bulk."

    def add_arguments(self, parser):
        parser.add_argument("--projects", type=int, default=1000)
        parser.add_argument("--events", type=int, default=200)
        parser.add_argument("--donors", type=int, default=50)
        parser.add_argument(
            "--seed", type=int, default=2017, help="Random seed: the same seed, the same data."
        )
        parser.add_argument("--quiet-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, projects, events, donors, seed, quiet_progress, **options):
        for name, value in (("--projects", projects), ("--events", events), ("--donors", donors)):
            if value < 0 or value > 5_000_000:
                raise CommandError(f"{name} must be between 0 and 5,000,000.")
        if Project.objects.filter(slug__startswith="demo-").exists():
            raise CommandError("Demo data is already present; use a fresh database.")
        self.random = random.Random(seed)
        self.stream = open("/dev/null", "w") if quiet_progress else sys.stderr  # noqa: SIM115
        self.now = timezone.now()
        started = time.monotonic()
        with transaction.atomic():
            self.reference()
            donor_ids = self.make_donors(donors)
            organisation_ids = self.make_organisations(donor_ids, max(donors * 4, 20))
            project_ids = self.make_projects(projects, donor_ids, organisation_ids)
            self.make_money(project_ids, organisation_ids)
            self.make_events(events, donor_ids, organisation_ids, project_ids)
            self.publish()
            bump_content_version()  # bulk_create sends no signals
        analyze(connection)
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {donors:,} donors, {len(organisation_ids):,} organisations, {projects:,} projects "
                f"and {events:,} events in {time.monotonic() - started:.1f} s."
            )
        )

    # -- helpers -------------------------------------------------------------------------

    def reference(self):
        self.countries = list(Country.objects.exclude(region=None).values_list("code", flat=True))
        self.regions = list(Region.objects.values_list("pk", flat=True))
        self.themes = list(Theme.objects.values_list("pk", flat=True))
        self.sdgs = list(SDG.objects.values_list("number", flat=True))

    def publishing(self):
        """Every row is written as a draft; those given a publication time are published at the end,
        through the one publishing service, at that time."""
        if self.random.random() < DRAFT_SHARE:
            return {"publication_status": Status.DRAFT, "published_at": None}
        published = self.now - datetime.timedelta(days=self.random.randint(1, 3000))
        return {"publication_status": Status.DRAFT, "published_at": published}

    def publish(self):
        for model in (Donor, Organisation, Project, Person, Event):
            # In one UPDATE per model, and without history, as the rows were made.
            rows = model.objects.filter(slug__startswith="demo-", published_at__isnull=False)
            services.publish(rows, user=None, history=False)

    def insert(self, model, rows):
        """The rows written in bulk, their primary keys set: by COPY on PostgreSQL (`copied`),
        bulk_create in batches elsewhere (SQLite 3.35+ returns the keys of bulk-inserted rows)."""
        if connection.vendor == "postgresql":
            copied(model, rows)
        else:
            model.objects.bulk_create(rows, batch_size=BATCH)

    def bulk(self, model, rows, progress=None):
        """`insert` in batches; returns the new primary keys in order."""
        ids = []
        for start in range(0, len(rows), BATCH):
            created = rows[start : start + BATCH]
            self.insert(model, created)
            ids.extend(obj.pk for obj in created)
            if progress:
                progress.advance(len(created))
        return ids

    def link(self, through, rows):
        self.insert(through, rows)

    # -- donors and organisations --------------------------------------------------------

    def make_donors(self, count):
        rng = self.random
        progress = Progress("donors", count, self.stream)
        rows = []
        for n in range(count):
            code = rng.choice(self.countries)
            rows.append(
                Donor(
                    name=f"Demo donor {n + 1}",
                    slug=f"demo-donor-{n + 1}",
                    kind=rng.choice(Donor.Kind.values),
                    country_id=code,
                    summary=f"A development partner funding {rng.choice(TOPICS)}.",
                    profile=f"Demo profile {n + 1}: works with the ILO on **{rng.choice(TOPICS)}**.",
                    ilo_member_since=rng.randint(1919, 2010),
                    conventions_fundamental=rng.randint(0, 10),
                    conventions_governance=rng.randint(0, 4),
                    conventions_technical=rng.randint(0, 60),
                    featured=n < 3,
                    **self.publishing(),
                )
            )
        donor_ids = self.bulk(Donor, rows, progress=progress)
        contributions, oda, priorities = [], [], []
        for donor_id in donor_ids:
            for year in range(2012, 2024, 3):
                contributions.append(
                    Contribution(
                        slug=f"demo-{donor_id}-{year}",
                        donor_id=donor_id,
                        kind=rng.choice(Contribution.Kind.values),
                        year_from=year,
                        year_to=year + 2,
                        amount_usd=Decimal(rng.randint(100_000, 300_000_000)),
                    )
                )
            oda.append(
                OdaFigure(
                    donor_id=donor_id,
                    year=2016,
                    amount_usd=Decimal(rng.randint(10**7, 10**10)),
                    gni_percent=Decimal(rng.randint(5, 100)) / 100,
                    source="Demo data",
                )
            )
            priorities += [
                PriorityArea(donor_id=donor_id, name=topic.capitalize(), position=i)
                for i, topic in enumerate(rng.sample(TOPICS, 3))
            ]
        self.bulk(Contribution, contributions)
        self.bulk(OdaFigure, oda)
        self.bulk(PriorityArea, priorities)
        return donor_ids

    def make_organisations(self, donor_ids, count):
        rng = self.random
        rows = []
        for n in range(count):
            category = rng.choice(Organisation.Category.values)
            rows.append(
                Organisation(
                    name=f"Demo organisation {n + 1}",
                    slug=f"demo-organisation-{n + 1}",
                    acronym=f"DO{n + 1}",
                    type=rng.choice(Organisation.Type.values),
                    category=category,
                    country_id=rng.choice(self.countries),
                    donor_id=rng.choice(donor_ids) if donor_ids and rng.random() < 0.5 else None,
                    **self.publishing(),
                )
            )
        ids = self.bulk(Organisation, rows)
        # A tenth of them are units of another.
        units = [Organisation(pk=pk, parent_id=ids[0]) for pk in ids[1:] if rng.random() < 0.1]
        Organisation.objects.bulk_update(units, ["parent"], batch_size=BATCH)
        return ids

    # -- projects --------------------------------------------------------------------------

    def make_projects(self, count, donor_ids, organisation_ids):
        rng = self.random
        progress = Progress("projects", count, self.stream)
        statuses = (
            [Project.Status.IMPLEMENTATION] * 5 + [Project.Status.CLOSED] * 4 + [Project.Status.PIPELINE]
        )
        project_ids = []
        for start in range(0, count, BATCH):
            rows = []
            for n in range(start, min(start + BATCH, count)):
                begin = datetime.date(rng.randint(2000, 2025), rng.randint(1, 12), 1)
                years = rng.randint(1, 6)
                end = begin.replace(year=begin.year + years) - datetime.timedelta(days=1)
                by_year = rng.random() < 0.3
                topic = rng.choice(TOPICS)
                rows.append(
                    Project(
                        title=f"{rng.choice(VERBS)} {topic} {rng.choice(PLACES)} ({n + 1})",
                        slug=f"demo-project-{n + 1}",
                        iati_identifier=f"XM-DAC-41302-DEMO-{n + 1}",
                        acronym=f"DP{n + 1}",
                        kind=Project.Kind.PROJECT,
                        summary=f"Demo project on {topic}.",
                        description=f"Works on **{topic}** with the tripartite constituents.",
                        status=rng.choice(statuses),
                        start_date=begin,
                        start_precision=Precision.YEAR if by_year else Precision.DAY,
                        end_date=end if rng.random() < 0.9 else None,
                        end_precision=Precision.YEAR if by_year else Precision.DAY,
                        budget_usd=Decimal(rng.randint(50_000, 20_000_000)),
                        **self.publishing(),
                    )
                )
            project_ids += self.bulk(Project, rows, progress=progress)
        self._project_parents(project_ids)
        self._project_relations(project_ids, donor_ids, organisation_ids)
        return project_ids

    def _project_parents(self, project_ids):
        """Every fiftieth project is a fund whose next few projects are its children."""
        rng = self.random
        updates = []
        for index in range(0, len(project_ids), 50):
            parent = project_ids[index]
            updates.append(Project(pk=parent, kind=Project.Kind.FUND))
            for child in project_ids[index + 1 : index + 1 + rng.randint(0, 5)]:
                updates.append(Project(pk=child, parent_id=parent))
        funds = [row for row in updates if row.parent_id is None]
        children = [row for row in updates if row.parent_id is not None]
        Project.objects.bulk_update(funds, ["kind"], batch_size=BATCH)
        Project.objects.bulk_update(children, ["parent"], batch_size=BATCH)

    def _project_relations(self, project_ids, donor_ids, organisation_ids):
        rng = self.random
        progress = Progress("relations", len(project_ids), self.stream)
        through = {
            name: getattr(Project, name).through
            for name in ("countries", "regions", "themes", "sdgs", "donors")
        }
        for start in range(0, len(project_ids), BATCH):
            chunk = project_ids[start : start + BATCH]
            links = {name: [] for name in through}
            participants, results = [], []
            for pk in chunk:
                for code in rng.sample(self.countries, rng.randint(1, 3)):
                    links["countries"].append(through["countries"](project_id=pk, country_id=code))
                if rng.random() < 0.3:
                    links["regions"].append(
                        through["regions"](project_id=pk, region_id=rng.choice(self.regions))
                    )
                for theme in rng.sample(self.themes, rng.randint(1, 3)):
                    links["themes"].append(through["themes"](project_id=pk, theme_id=theme))
                for number in rng.sample(self.sdgs, rng.randint(1, 2)):
                    links["sdgs"].append(through["sdgs"](project_id=pk, sdg_id=number))
                if donor_ids:
                    for donor in rng.sample(donor_ids, min(len(donor_ids), rng.randint(1, 2))):
                        links["donors"].append(through["donors"](project_id=pk, donor_id=donor))
                funder, implementer = rng.sample(organisation_ids, 2)
                participants += [
                    Participant(project_id=pk, organisation_id=funder, role=Participant.Role.FUNDING),
                    Participant(
                        project_id=pk, organisation_id=implementer, role=Participant.Role.IMPLEMENTING
                    ),
                ]
                for position in range(rng.randint(0, 2)):
                    results.append(
                        Result(
                            project_id=pk,
                            title=f"{rng.choice(UNITS).capitalize()} reached",
                            value=Decimal(rng.randint(10, 50_000)),
                            qualifier=rng.choice(["", "more-than", "about"]),
                            unit=rng.choice(UNITS),
                            country_id=rng.choice(self.countries),
                            position=position,
                        )
                    )
            for name, rows in links.items():
                self.link(through[name], rows)
            self.insert(Participant, participants)
            self.insert(Result, results)
            progress.advance(len(chunk))

    # -- money and indicators ----------------------------------------------------------------

    def make_rates(self):
        """A rate per currency at the start of each year, wandering around its usual value; returns
        every recorded rate as {currency: [rate, ...] latest first}, for `Amount.convert`."""
        rng = self.random
        rows = [
            ExchangeRate(
                currency=currency,
                day=datetime.date(year, 1, 1),
                usd_per_unit=Decimal(str(round(usual * rng.uniform(0.85, 1.15), 6))),
                source=RATE_SOURCE,
            )
            for currency, usual in USD_PER_UNIT.items()
            for year in range(2000, self.now.year + 8)
        ]
        # A rate already recorded for a currency and day stays (and converts the demo amounts too).
        ExchangeRate.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)
        rates = {}
        for rate in ExchangeRate.objects.order_by("currency", "-day"):
            rates.setdefault(rate.currency, []).append(rate)
        return rates

    def make_money(self, project_ids, organisation_ids):
        """Budgets, planned disbursements and transactions for most projects, and indicators for
        their results; each amount converted here (bulk_create skips `save()`), at the rates made."""
        rates = self.make_rates()
        progress = Progress("money", len(project_ids), self.stream)
        currencies, weights = zip(*CURRENCY_WEIGHTS.items(), strict=True)
        for start in range(0, len(project_ids), BATCH):
            chunk = project_ids[start : start + BATCH]
            projects = Project.objects.filter(pk__in=chunk).values_list(
                "pk", "start_date", "end_date", "budget_usd"
            )
            results = {}
            for pk, project in Result.objects.filter(project_id__in=chunk).values_list("pk", "project_id"):
                results.setdefault(project, []).append(pk)
            amounts = {Budget: [], PlannedDisbursement: [], Transaction: []}
            indicators = []
            for pk, begin, end, budget_usd in projects.order_by("pk"):
                currency = self.random.choices(currencies, weights)[0]
                years = self.years(begin, end)
                self.project_money(pk, years, budget_usd, currency, organisation_ids, amounts)
                for result in results.get(pk, ()):
                    if self.random.random() < 0.5:
                        indicators.append((result, years))
            for model, rows in amounts.items():
                for row in rows:
                    row.value_date = row.counted_on()
                    row.convert(rates)
                self.insert(model, rows)
            self.make_indicators(indicators)
            progress.advance(len(chunk))

    def years(self, begin, end):
        """The project's years as (first day, last day) within its dates; an open-ended one runs
        three years."""
        end = end or begin.replace(year=begin.year + 3) - datetime.timedelta(days=1)
        spans = []
        for year in range(begin.year, end.year + 1):
            first = max(begin, datetime.date(year, 1, 1))
            last = min(end, datetime.date(year, 12, 31))
            spans.append((first, last))
        return spans

    def project_money(self, pk, years, budget_usd, currency, organisation_ids, amounts):
        """About half the projects report yearly budgets (some revised), one in five a planned
        disbursement, two in five their transactions: funds received, yearly disbursements (at most
        two years of them) and an expenditure, and for some the commitments in and out. Enough rows
        for every chart and list to have something to add up, not a full ledger per project."""
        rng = self.random
        usual = Decimal(str(USD_PER_UNIT.get(currency, 0.1 if currency == "NOK" else 1)))
        yearly = (budget_usd or Decimal(1_000_000)) / len(years) / usual
        today = self.now.date()
        funder = rng.choice(organisation_ids)
        if rng.random() < 0.5:
            for first, last in years[:4]:
                value = round(yearly * Decimal(rng.uniform(0.8, 1.2)), 2)
                common = {"project_id": pk, "period_start": first, "period_end": last, "currency": currency}
                amounts[Budget].append(Budget(kind=BudgetType.ORIGINAL, value=value, **common))
                if rng.random() < 0.15:
                    revised = round(value * Decimal(rng.uniform(0.7, 1.3)), 2)
                    amounts[Budget].append(
                        Budget(
                            kind=BudgetType.REVISED, status=Budget.Status.COMMITTED, value=revised, **common
                        )
                    )
        if rng.random() < 0.2:
            first, last = years[0]
            amounts[PlannedDisbursement].append(
                PlannedDisbursement(
                    project_id=pk,
                    period_start=first,
                    period_end=last,
                    value=round(yearly * Decimal("0.9"), 2),
                    currency=currency,
                    provider_id=funder,
                )
            )
        if rng.random() < 0.4 and years[0][0] <= today:
            kind = Transaction.Kind
            total = round(yearly * len(years), 2)
            first_day = years[0][0]
            rows = [
                (kind.INCOMING_FUNDS, first_day + datetime.timedelta(days=rng.randint(10, 60)), total / 2)
            ]
            if rng.random() < 0.35:
                rows += [
                    (kind.INCOMING_COMMITMENT, first_day, total),
                    (
                        kind.COMMITMENT,
                        first_day + datetime.timedelta(days=rng.randint(30, 90)),
                        total * 8 / 10,
                    ),
                ]
            spent = Decimal(0)
            for first, last in years[:2]:
                day = first + datetime.timedelta(days=rng.randint(0, (last - first).days))
                paid = round(yearly * Decimal(rng.uniform(0.5, 1.0)), 2)
                spent += paid
                rows.append((kind.DISBURSEMENT, day, paid))
            rows.append((kind.EXPENDITURE, min(day + datetime.timedelta(days=30), last), spent * 9 / 10))
            for code, day, value in rows:
                if day > today:
                    continue
                amounts[Transaction].append(
                    Transaction(
                        project_id=pk,
                        kind=code,
                        date=day,
                        value=round(value, 2),
                        currency=currency,
                        provider_id=funder
                        if code in (kind.INCOMING_FUNDS, kind.INCOMING_COMMITMENT)
                        else None,
                        receiver_name="Implementing partners" if code == kind.DISBURSEMENT else "",
                    )
                )

    def make_indicators(self, indicators):
        """An indicator for half the results, with a target and (for periods begun) an actual value a
        year, for at most three years."""
        rng = self.random
        rows = []
        for result, years in indicators:
            unit = rng.choice(UNITS)
            rows.append(
                Indicator(
                    result_id=result,
                    title=f"Number of {unit} reached",
                    unit=unit,
                    baseline_year=years[0][0].year,
                    baseline_value=Decimal(rng.randint(0, 100)),
                )
            )
        self.insert(Indicator, rows)
        today = self.now.date()
        periods = []
        for indicator, (_result, years) in zip(rows, indicators, strict=True):
            for first, last in years[:3]:
                target = Decimal(rng.randint(100, 5000))
                actual = round(target * Decimal(rng.uniform(0.4, 1.2))) if first <= today else None
                periods.append(
                    IndicatorPeriod(
                        indicator_id=indicator.pk,
                        period_start=first,
                        period_end=last,
                        target=target,
                        actual=actual,
                    )
                )
        self.insert(IndicatorPeriod, periods)

    # -- events ------------------------------------------------------------------------------

    def make_events(self, count, donor_ids, organisation_ids, project_ids):
        rng = self.random
        progress = Progress("events", count, self.stream)
        people = [
            Person(
                name=f"{rng.choice(FIRST)} {rng.choice(LAST)} {n + 1}",
                slug=f"demo-person-{n + 1}",
                honorific=rng.choice(["Mr.", "Ms.", "Dr.", "Prof."]),
                position=rng.choice(["Director", "Programme Manager", "Specialist", "Minister", "Professor"]),
                organisation_id=rng.choice(organisation_ids),
                **self.publishing(),
            )
            for n in range(max(count // 4, 10) if count else 0)
        ]
        person_ids = self.bulk(Person, people)
        rows = []
        for n in range(count):
            start = self.now + datetime.timedelta(days=rng.randint(-3650, 365), hours=rng.randint(0, 23))
            rows.append(
                Event(
                    title=f"{rng.choice(EVENT_WORDS)} on {rng.choice(TOPICS)} ({n + 1})",
                    slug=f"demo-event-{n + 1}",
                    kind=rng.choice(Event.Kind.values),
                    status=Event.Status.CANCELLED if rng.random() < 0.03 else Event.Status.SCHEDULED,
                    summary=f"A demo event on {rng.choice(TOPICS)}.",
                    start=start,
                    end=start + datetime.timedelta(hours=rng.randint(1, 30)),
                    timezone=rng.choice(ZONES),
                    venue="Demo hall",
                    city="Demo city",
                    country_id=rng.choice(self.countries),
                    format=rng.choice(Event.Format.values),
                    attendance=rng.randint(10, 500),
                    **self.publishing(),
                )
            )
        event_ids = self.bulk(Event, rows, progress=progress)
        through = {name: getattr(Event, name).through for name in ("themes", "projects", "donors")}
        links = {name: [] for name in through}
        organisers, speakers = [], []
        for pk in event_ids:
            for theme in rng.sample(self.themes, rng.randint(1, 2)):
                links["themes"].append(through["themes"](event_id=pk, theme_id=theme))
            if project_ids:
                links["projects"].append(through["projects"](event_id=pk, project_id=rng.choice(project_ids)))
            if donor_ids:
                links["donors"].append(through["donors"](event_id=pk, donor_id=rng.choice(donor_ids)))
            for position, organisation in enumerate(rng.sample(organisation_ids, 2)):
                organisers.append(Organiser(event_id=pk, organisation_id=organisation, position=position))
            for order, person in enumerate(rng.sample(person_ids, min(len(person_ids), 3))):
                speakers.append(
                    Speaker(event_id=pk, person_id=person, role=Speaker.Role.PRESENTATION, order=order)
                )
        for name, link_rows in links.items():
            self.link(through[name], link_rows)
        self.insert(Organiser, organisers)
        self.insert(Speaker, speakers)
        # One event in forty is a side event of the first.
        side_events = [Event(pk=pk, parent_id=event_ids[0]) for pk in event_ids[1::40]]
        Event.objects.bulk_update(side_events, ["parent"], batch_size=BATCH)
