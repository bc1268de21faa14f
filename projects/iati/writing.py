"""Writing imported activity records as projects, their parts and their parents."""

import re
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import prefetch_related_objects
from django.utils.text import slugify

from donors.models import Donor
from kernel import iati
from kernel.dates import Precision
from kernel.publishing import Status as PublicationStatus
from kernel.services import publish, replace_parts, save_record
from kernel.taxonomy.models import Country, DocumentCategory, Source, language_choices
from kernel.versions import one_version
from organisations.models import Organisation
from projects.iati.codes import CATEGORY_FOR_TYPE
from projects.iati.reading import _reason
from projects.iati.records import ActivitySkipped, ImportRefused
from projects.models import Indicator, Project, Result

# This site's download address of a source's file (portal.sources.source_file).
OWN_FILE_PATH = re.compile(r"/sources/(?P<slug>[-a-zA-Z0-9_]+)/file/$")


# Rows asked for in one query: below SQLite's oldest limit on a statement's parameters (999).
BATCH = 500

# The many-to-many relations an activity sets.
RELATIONS = ("countries", "regions", "themes", "sdgs", "donors")

# The lists of parts `write_parts` replaces on the project itself.
PARTS = ("participants", "results", "budgets", "planned_disbursements", "transactions")


def batches(values):
    values = list(values)
    for start in range(0, len(values), BATCH):
        yield values[start : start + BATCH]


class ActivityWriting:
    """The writing half of `ActivityImport`."""

    def preload(self, records):
        """Look up, in a few queries for the whole file, what writing each record would otherwise ask
        of the database one row at a time: the projects the identifiers name (and their parents' and
        children's), the links those projects have, the donors and the organisations the records name.
        What is not found here is not there: nothing but this import writes those rows meanwhile, and
        what it makes it adds (`organisation`) or finds by its own key (`link_parents`)."""
        prefix = f"{iati.reporting_org_ref()}-"
        identifiers = {record.identifier for record in records}
        identifiers.update(record.parent_ref for record in records if record.parent_ref)
        identifiers.update(ref for record in records for ref in record.child_refs if ref)
        self.projects_by_identifier = dict.fromkeys(identifiers)
        for batch in batches(identifiers):
            for project in Project.objects.filter(iati_identifier__in=batch):
                self.projects_by_identifier[project.iati_identifier] = project
        derived = {
            identifier[len(prefix) :]: identifier
            for identifier, project in self.projects_by_identifier.items()
            if project is None and identifier.startswith(prefix)
        }
        for batch in batches(derived):
            for project in Project.objects.filter(iati_identifier="", slug__in=batch):
                self.projects_by_identifier[derived[project.slug]] = project
        found = [project.pk for project in self.projects_by_identifier.values() if project is not None]
        self.links = {name: {} for name in RELATIONS}
        for name in RELATIONS:
            field = Project._meta.get_field(name)
            through, target = field.remote_field.through, field.m2m_reverse_field_name()
            for batch in batches(found):
                rows = through.objects.filter(project_id__in=batch).values_list("project_id", f"{target}_id")
                for project_id, target_id in rows:
                    self.links[name].setdefault(project_id, set()).add(target_id)
        # The rows the parts' foreign keys point at, known to exist (`kernel.constraints.known_rows`):
        # these, and those this import reads or writes on the way (`remember`).
        self.known = {
            Project: set(found),
            Country: set(self.countries),
            Organisation: set(),
            Source: set(),
            Result: set(),
            Indicator: set(),
        }
        slugs = {slug for record in records for slug in record.donors or ()}
        self.donors_by_slug = {}
        for batch in batches(slugs):
            self.donors_by_slug.update((donor.slug, donor) for donor in Donor.objects.filter(slug__in=batch))
        self.preload_organisations(records)

    def preload_parts(self, records):
        """The stored parts of the projects these records update, in one query per list of parts, for
        `replace_parts` to compare the file with (it reads `project.<parts>.all()`, which then answers
        from what was fetched here)."""
        projects = [self.projects_by_identifier.get(record.identifier) for record in records]
        prefetch_related_objects([project for project in projects if project is not None], *PARTS)

    def preload_organisations(self, records):
        """The recorded organisations the records' participating-orgs, providers and receivers name,
        by IATI identifier, slug and name, each key answered as its own query would answer it."""
        names = [entry for record in records for entry in record.participants]
        for record in records:
            for entry in [*record.planned_disbursements, *record.transactions]:
                names.extend(ref for ref in (entry.provider, entry.receiver) if ref is not None)
        self.recorded_organisations = {}
        for key, lookup, order in (
            ("ref", "iati_identifier", Organisation._meta.ordering),
            ("slug", "slug", Organisation._meta.ordering),
            ("name", "name", ["pk"]),
        ):
            values = {getattr(entry, key) for entry in names if getattr(entry, key)}
            for batch in batches(values):
                found = Organisation.objects.filter(**{f"{lookup}__in": batch}).order_by(*order)
                for organisation in found:
                    self.recorded_organisations.setdefault((key, getattr(organisation, lookup)), organisation)
                    self.known[Organisation].add(organisation.pk)
        # Organisations this import makes, under the same keys, as the database would now answer.
        self.made_organisations = {}

    def write_one(self, record):
        """The record as a project, in a savepoint: a failure skips it (or, strict, ends the import)."""
        known, made = dict(self.organisations), dict(self.made_organisations)
        self.remembered = []
        try:
            with transaction.atomic():
                return self.write(record)
        except (ValidationError, IntegrityError, ActivitySkipped) as error:
            # Organisations made for this activity were rolled back with it, as was every row written
            # for it; the project found for it may have been changed in memory before it was refused,
            # so it is asked for again.
            self.organisations, self.made_organisations = known, made
            for model, pk in self.remembered:
                self.known[model].discard(pk)
            self.projects_by_identifier.pop(record.identifier, None)
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
        source = self.source(record)
        if source is not None:
            self.remember(source)
        # A file of ours names the project's source; another publisher's links fill in a missing one.
        if source is not None and (project.source_id is None or any(doc.slug for doc in record.documents)):
            project.source = source
        project.full_clean(exclude=["parent"], validate_unique=False)
        # The activity (fields, relations, parts, publication) is one version of the project's history.
        with one_version(project, user=self.user):
            save_record(project, user=self.user)
            self.remember(project)
            self.link(project, "countries", record.countries, created=created)
            self.link(project, "regions", record.regions, created=created)
            self.link(project, "themes", record.themes, created=created)
            self.link(project, "sdgs", record.sdgs, created=created)
            if record.donors is not None:
                # In the donors' own order, as their query gave them: the links are added in it.
                known = set(record.donors) & self.donors_by_slug.keys()
                donors = sorted((self.donors_by_slug[slug] for slug in known), key=lambda donor: donor.name)
                for slug in set(record.donors) - {donor.slug for donor in donors}:
                    self.warn(record.identifier, f"unknown donor {slug!r} left out")
                self.link(project, "donors", donors, created=created)
            self.write_parts(project, record, created=created)
            if self.publish:
                publish(project, user=self.user)
        (self.report.created if created else self.report.updated).append(record.identifier)
        return project

    def remember(self, *rows):
        """Rows read or written in this transaction: a foreign key to one of them needs no check."""
        for row in rows:
            if row.pk not in self.known[type(row)]:
                self.known[type(row)].add(row.pk)
                self.remembered.append((type(row), row.pk))

    def link(self, project, name, values, *, created):
        """`project.<name>.set(values)`, skipped when the links are already those (as `set` would
        find, with a query of its own)."""
        stored = set() if created else self.links[name].get(project.pk, set())
        if not stored and values:
            getattr(project, name).add(*values)  # what `set` does when there is nothing to remove
        elif {getattr(value, "pk", value) for value in values} != stored:
            getattr(project, name).set(values)

    def find_project(self, identifier):
        """The project published under the identifier: stored as such, or derived from its slug.
        An empty identifier names none (many projects have no IATI identifier of their own)."""
        if not identifier:
            return None
        if identifier in self.projects_by_identifier:
            return self.projects_by_identifier[identifier]
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

    def write_parts(self, project, record, *, created=False):
        """Bring the project's participants, results (with their indicators), budgets, planned
        disbursements and transactions in line with the file, touching only what changed; what the
        file does not say of a result (its source note) is kept. Each row is checked by the model's
        rules on the way (`replace_parts`): a row they refuse skips the activity."""
        participants, kept = [], set()
        for entry in record.participants:
            organisation = self.organisation(entry, record.identifier)
            if (organisation.pk, entry.role) in kept:
                continue
            kept.add((organisation.pk, entry.role))
            participants.append(
                {
                    "organisation": organisation,
                    "role": entry.role,
                    "amount_usd": entry.amount_usd,
                    "note": entry.note[:300],
                    "position": entry.position,
                    **entry.translations,
                }
            )
        results = [
            {
                "title": entry.title,
                "value": entry.value,
                "qualifier": entry.qualifier,
                "unit": entry.unit,
                "country_id": entry.country,
                "place": entry.place,
                "year": entry.year,
                "position": entry.position,
                **entry.translations,
            }
            for entry in record.results
        ]
        parts = {
            "participants": participants,
            "results": results,
            "budgets": [entry.fields for entry in record.budgets],
            "planned_disbursements": [
                self.amount_row(entry, record) for entry in record.planned_disbursements
            ],
            "transactions": [self.amount_row(entry, record, named=True) for entry in record.transactions],
        }
        # A new project has no parts yet: an empty list has nothing to replace (and costs a query).
        parts = {name: rows for name, rows in parts.items() if rows or not created or name == "participants"}
        replace_parts(project, parts=parts, user=self.user, keep_unsent=True)
        # The parts fetched beforehand (`preload_parts`) are those of before: read them again after.
        getattr(project, "_prefetched_objects_cache", {}).clear()
        self.write_indicators(project, record, created=created)

    def amount_row(self, entry, record, *, named=False):
        """A planned disbursement's or transaction's fields, with its provider and receiver found among
        the organisations; one that is not there stays a name (a transaction's `provider_name`)."""
        row = dict(entry.fields)
        for side in ("provider", "receiver"):
            ref = getattr(entry, side)
            organisation = self.known_organisation(ref) if ref is not None else None
            row[side] = organisation
            if named:
                row[f"{side}_name"] = "" if organisation is not None or ref is None else ref.name
            elif ref is not None and organisation is None:
                self.warn(
                    record.identifier,
                    f"{side} {ref.name or ref.ref!r} is not a recorded organisation; left out",
                )
        return row

    def known_organisation(self, ref):
        """The organisation a provider-org or receiver-org names, as a participating-org's is found (by
        IATI identifier, slug or exact name); None when there is none: no organisation is made for it."""
        keys = [key for key in (("ref", ref.ref), ("slug", ref.slug), ("name", ref.name)) if key[1]]
        for key in keys:
            if key in self.organisations:
                return self.organisations[key]
        organisation = self.recorded_organisation(keys)
        if organisation is not None:
            for key in keys:
                self.organisations[key] = organisation
        return organisation

    def write_indicators(self, project, record, *, created):
        """Each result's indicators and their periods, through the same write path as the results."""
        stored = set()
        if not created:
            stored = set(
                Indicator.objects.filter(result__project=project).values_list("result_id", flat=True)
            )
        if not stored and not any(entry.indicators for entry in record.results):
            return
        results = _by_key(project.results.all())
        self.remember(*(result for rows in results.values() for result in rows))
        for entry in record.results:
            result = results[(entry.position, entry.title)].pop(0)
            if not entry.indicators and result.pk not in stored:
                continue
            rows = [
                {
                    "title": indicator.title,
                    "measure": indicator.measure,
                    "ascending": indicator.ascending,
                    "unit": indicator.unit,
                    "baseline_year": indicator.baseline_year,
                    "baseline_value": indicator.baseline_value,
                    "position": indicator.position,
                    **indicator.translations,
                }
                for indicator in entry.indicators
            ]
            # A result of a new project, or one with no indicators stored, has none to read.
            new = created or result.pk not in stored
            replace_parts(result, parts={"indicators": rows}, user=self.user, keep_unsent=True, new=new)
            indicators = _by_key(result.indicators.all())
            self.remember(*(indicator for rows in indicators.values() for indicator in rows))
            for indicator in entry.indicators:
                measured = indicators[(indicator.position, indicator.title)].pop(0)
                if created and not indicator.periods:
                    continue
                periods = [
                    {
                        "period_start": period.period_start,
                        "period_end": period.period_end,
                        "target": period.target,
                        "actual": period.actual,
                    }
                    for period in indicator.periods
                ]
                try:
                    replace_parts(
                        measured, parts={"periods": periods}, user=self.user, keep_unsent=True, new=new
                    )
                except ValidationError as error:
                    raise ActivitySkipped(f"indicator {indicator.title!r}: {_reason(error)}") from error

    def source(self, record):
        """The source the activity's first usable document-link names: by slug (a file of ours), by
        this site's download address, or by URL; else a new source made from the link."""
        for document in record.documents:
            source = self.find_source(document) or self.new_source(document, record.identifier)
            if source is not None:
                return source
        return None

    def find_source(self, document):
        slugs = [document.slug] if document.slug else []
        ours = OWN_FILE_PATH.search(urlsplit(document.url).path)
        if ours:
            slugs.append(ours.group("slug"))
        for slug in slugs:
            source = Source.objects.filter(slug=slug).first()
            if source is not None:
                return source
        return Source.objects.filter(url=document.url).order_by("pk").first()

    def new_source(self, document, identifier):
        kind = document.kind
        if kind not in Source.Kind.values:
            kind = Source.Kind.WEBSITE if document.format == "text/html" else Source.Kind.REPORT
        languages = {code for code, _ in language_choices()}
        precision = document.date_precision
        source = Source(
            slug=self.unique_slug(Source, slugify(document.slug or document.title)[:110] or "source"),
            title=document.title[:300],
            kind=kind,
            publisher=document.publisher[:200],
            published_on=document.date,
            date_precision=precision if precision in Precision.values else Precision.DAY,
            language=document.language if document.language in languages else "en",
            url=document.url,
            **document.translations,
        )
        if document.category in DocumentCategory.values and document.category != source.document_category:
            source.iati_category = document.category
        try:
            source.full_clean(validate_unique=False)
        except ValidationError as error:
            self.warn(identifier, f"document-link {document.url!r} left out: {_reason(error)}")
            return None
        source.save()
        self.warn(identifier, f"new source {source.title!r} created")
        return source

    def organisation(self, entry, identifier):
        """The organisation a participating-org names: by IATI identifier, by slug, by exact name, or
        else a new draft organisation."""
        for key in (("ref", entry.ref), ("slug", entry.slug), ("name", entry.name)):
            if key[1] and key in self.organisations:
                return self.organisations[key]
        keys = [key for key in (("ref", entry.ref), ("slug", entry.slug), ("name", entry.name)) if key[1]]
        organisation = self.recorded_organisation(keys)
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
                **entry.name_translations,
            )
            organisation.full_clean(validate_unique=False)
            save_record(organisation, user=self.user)
            self.remember(organisation)
            for key in (
                ("ref", organisation.iati_identifier),
                ("slug", organisation.slug),
                ("name", organisation.name),
            ):
                if key[1]:
                    self.made_organisations.setdefault(key, organisation)
            self.warn(identifier, f"new draft organisation {organisation.name!r} created")
        for key in (("ref", entry.ref), ("slug", entry.slug), ("name", entry.name)):
            if key[1]:
                self.organisations[key] = organisation
        return organisation

    def recorded_organisation(self, keys):
        """The organisation found by the first of `keys` (("ref", …), ("slug", …), ("name", …)) that
        names one: one recorded before the import (by name, the oldest), else one it made."""
        for key in keys:
            organisation = self.recorded_organisations.get(key) or self.made_organisations.get(key)
            if organisation is not None:
                return organisation
        return None

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
        """The project under `parent`, unless the model's rules refuse it (a loop, too deep): then
        the import goes on without it and says why."""
        if project.parent_id == parent.pk:
            return
        previous = project.parent
        project.parent = parent
        try:
            project.clean()
        except ValidationError as error:
            project.parent = previous
            reasons = " ".join(error.message_dict.get("parent", error.messages))
            self.warn(identifier, f"{parent.iati_id} as parent left out: {reasons}")
            return
        save_record(project, user=self.user, update_fields=["parent", "updated_at"])


def _by_key(parts):
    """{(position, title): [part, ...]}: a result's or indicator's rows as the file's entries name them."""
    found = {}
    for part in parts:
        found.setdefault((part.position, part.title), []).append(part)
    return found
