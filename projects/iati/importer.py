"""An import of IATI activities: the file read and checked, then written in one transaction."""

from django.db import transaction

from kernel.constraints import known_rows
from kernel.taxonomy.models import SDG, Country, Region, Theme
from projects.iati.reading import ActivityReading
from projects.iati.records import ActivitySkipped, ImportRefused, ImportReport
from projects.iati.writing import ActivityWriting, batches
from projects.models import rates_known


def import_activities(tree, *, strict=False, publish=False, progress=None, checking=None, user=None):
    """Create or update a project for each activity of a schema-valid IATI file, in one transaction.

    An activity that cannot be taken (an unknown country, an unknown status code…) is skipped and
    reported; with `strict`, ImportRefused is raised instead and nothing is written. New projects and
    organisations are drafts; `publish` publishes the imported projects. `progress` has `advance()`
    and counts the activities written; `checking`, if given, counts them as they are read and checked,
    before the transaction opens, so that what it writes elsewhere (a background job's progress) is
    committed at once and other connections see it.
    Every write goes through `kernel.services` as `user` (None: the system, as from the command line).
    """
    return ActivityImport(
        strict=strict, publish=publish, progress=progress, checking=checking, user=user
    ).run(tree)


class ActivityImport(ActivityReading, ActivityWriting):
    """One import: the reference data looked up once, the activities read and checked, then written."""

    def __init__(self, *, strict, publish, progress, checking=None, user=None):
        self.strict, self.publish, self.progress, self.user = strict, publish, progress, user
        self.checking = checking
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
            if self.checking:
                self.checking.advance()
        if self.strict and self.report.skipped:
            raise ImportRefused(self.report.skipped)
        if self.progress and self.report.skipped:
            self.progress.advance(len(self.report.skipped))
        with transaction.atomic():
            self.preload(records)
            self.remembered = []
            currencies = {
                entry.fields.get("currency")
                for record in records
                for entry in [*record.budgets, *record.planned_disbursements, *record.transactions]
            }
            with known_rows(self.known), rates_known(currencies - {None}):
                written = []
                for batch in batches(records):
                    self.preload_parts(batch)
                    for record in batch:
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
