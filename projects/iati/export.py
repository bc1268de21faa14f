"""Projects as an IATI 2.03 activity file (see the package for what the file holds)."""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import timezone, translation

from donors.models import Donor
from kernel import iati, visibility
from kernel.dates import Precision
from kernel.iati import element, ilo, narrative
from kernel.markdown import to_text
from kernel.quantities import format_figure
from kernel.taxonomy.documents import CONTENT_TYPE
from kernel.translation import all_languages, languages
from organisations.models import Organisation
from projects.iati.codes import (
    BUDGET_INDICATIVE,
    BUDGET_ORIGINAL,
    DERIVED_BUDGET,
    MEASURE_QUALITATIVE,
    MEASURE_UNIT,
    REGION_OECD_DAC,
    RELATED_CHILD,
    RELATED_PARENT,
    RESULT_OUTCOME,
    SECTOR_DAC5,
    SECTOR_NOT_SPECIFIED,
    STREAM_CHUNK,
    TAG_SDG_GOAL,
    UNKNOWN_PRECISION,
    UNKNOWN_START_NOTE,
    ActivityDate,
    ActivityScope,
)
from projects.models import (
    Indicator,
    Participant,
    PlannedDisbursement,
    Project,
    Result,
    Transaction,
)


def activities_document(projects, *, user=None, base_url=None):
    """The projects as one IATI 2.03 activities file (bytes, UTF-8)."""
    return b"".join(iter_activities_document(projects, user=user, base_url=base_url))


def iter_activities_document(projects, *, user=None, base_url=None):
    """The file in pieces: the opening, then each activity, then the closing; for streaming.

    `projects` is a queryset (fetched in chunks with everything an activity shows) or a list. Related
    activities, donors and participating organisations are named only when `user` may see them
    (kernel.visibility; anonymous: published ones only).
    A file needs at least one activity to be schema-valid; with none, only the frame is yielded.
    `base_url` is the site's address that links to source files start with (`SITE_URL` by default).
    """
    today = timezone.localdate()
    base_url = (base_url or settings.SITE_URL).rstrip("/")
    yield iati.file_header("iati-activities")
    if isinstance(projects, QuerySet):
        projects = for_export(projects, user=user).iterator(chunk_size=STREAM_CHUNK)
    for project in projects:
        # The file's default language is English whatever the request's (`?lang=fr`): labels made
        # here (a country's name, a qualifier) are English, translations go in marked narratives.
        with translation.override(iati.LANGUAGE):
            node = activity_element(project, today=today, base_url=base_url)
        yield iati.serialize(node)
    yield b"</iati-activities>\n"


def for_export(projects, *, user=None):
    """The projects with their parts, fetched in a fixed number of queries per chunk. Relations the
    caller's queryset already fetches are dropped first: they would name drafts, or clash."""
    identified = ("pk", "slug", "iati_identifier", "publication_status", "published_at")
    return (
        projects.select_related(None)
        .select_related("source")
        .prefetch_related(None)
        .prefetch_related(
            visibility.prefetch("parent", Project.objects.only(*identified), user),
            visibility.prefetch("children", Project.objects.only(*identified, "parent_id"), user),
            visibility.prefetch(
                "donors", Donor.objects.only("pk", "slug", "publication_status", "published_at"), user
            ),
            visibility.prefetch("participants", Participant.objects.select_related("organisation"), user),
            Prefetch(
                "results",
                queryset=Result.objects.select_related("country").prefetch_related(
                    Prefetch("indicators", queryset=Indicator.objects.prefetch_related("periods"))
                ),
            ),
            "budgets",
            visibility.prefetch(
                "planned_disbursements", PlannedDisbursement.objects.prefetch_related(*_payers(user)), user
            ),
            visibility.prefetch("transactions", Transaction.objects.prefetch_related(*_payers(user)), user),
            "countries",
            "regions",
            "themes",
            "sdgs",
        )
    )


def _payers(user):
    """The provider and receiver of amounts, as `user` may see them: a draft organisation reads as none."""
    organisations = Organisation.objects.all()
    return [visibility.prefetch(name, organisations, user) for name in ("provider", "receiver")]


def activity_element(project, *, today=None, base_url=None):
    """One <iati-activity>, its children in the order the 2.03 schema's sequence requires."""
    today = today or timezone.localdate()
    base_url = (base_url or settings.SITE_URL).rstrip("/")
    activity = element(
        None,
        "iati-activity",
        {
            "last-updated-datetime": iati.timestamp(project.updated_at) if project.updated_at else None,
            iati.XML_LANG: iati.LANGUAGE,
            "default-currency": iati.CURRENCY,
            "hierarchy": "2" if project.parent is not None else None,  # a parent the reader may see
        },
    )
    element(activity, "iati-identifier", text=project.iati_id)
    iati.reporting_org(activity)
    iati.narratives(activity, "title", all_languages(project, "title"))
    iati.narratives(activity, "description", _descriptions(project), {"type": "1"})
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
    for disbursement in project.planned_disbursements.all():
        _planned_disbursement(activity, disbursement)
    for transaction in project.transactions.all():
        _transaction(activity, transaction)
    document_link(activity, project.source, base_url)
    if project.parent is not None:
        element(activity, "related-activity", {"ref": project.parent.iati_id, "type": RELATED_PARENT})
    for child in sorted(project.children.all(), key=lambda child: child.iati_id):
        element(activity, "related-activity", {"ref": child.iati_id, "type": RELATED_CHILD})
    period = result_period(project, dates)
    for result in project.results.all():
        _result(activity, result, period)
    _extension(activity, project)
    return activity


def _description(project, language=iati.LANGUAGE):
    """The summary and description as plain text, in one language ("" when it has neither)."""
    parts = (all_languages(project, "summary")[language], all_languages(project, "description")[language])
    return "\n\n".join(text for part in parts if (text := to_text(part)))


def _descriptions(project):
    """{"en": …, "fr": …}: the English description (the title when there is none, since IATI wants a
    text) and each language's own summary and description; a language's narrative holds only its
    own text, never English filling its gaps."""
    texts = {code: _description(project, code) for code in (iati.LANGUAGE, *languages())}
    if not texts[iati.LANGUAGE]:
        texts = all_languages(project, "title")
    return texts


def _participating_orgs(activity, project):
    """Each participant in its IATI role; the ILO as accountable when it is not there, since the
    reporting organisation should appear among the participating ones."""
    ilo_ref = iati.reporting_org_ref()
    for participant in project.participants.all():
        organisation = participant.organisation
        node = iati.narratives(
            activity,
            "participating-org",
            all_languages(organisation, "name"),
            {"ref": organisation.iati_identifier, "type": organisation.type, "role": participant.role},
        )
        for name, value in (
            ("slug", organisation.slug),
            ("category", organisation.category),
            ("acronym", organisation.acronym),
            ("amount-usd", iati.money(participant.amount_usd) if participant.amount_usd is not None else ""),
            ("note", participant.note),
            ("position", participant.position),
            *(
                (f"note-{code}", text)
                for code, text in all_languages(participant, "note").items()
                if code != "en"
            ),
            ("translations", iati.provenance_attribute(participant)),
        ):
            if value not in ("", None):
                node.set(ilo(name), iati.clean(value))
    if not any(p.organisation.iati_identifier == ilo_ref for p in project.participants.all()):
        node = iati.narratives(
            activity,
            "participating-org",
            iati.organisation_names(),
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
        dates.append((kind, project.start_date, project.start_precision or Precision.DAY))
    else:
        stand_in = project.created_at.date() if project.created_at else today
        if project.end_date:
            stand_in = min(stand_in, project.end_date)
        dates.append((ActivityDate.PLANNED_START, stand_in, UNKNOWN_PRECISION))
    if project.end_date:
        finished = project.status in (Project.Status.FINALISATION, Project.Status.CLOSED)
        actual = finished and project.end_date <= today
        kind = ActivityDate.ACTUAL_END if actual else ActivityDate.PLANNED_END
        dates.append((kind, project.end_date, project.end_precision or Precision.DAY))
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
    """The project's recorded budgets, each as its source gives it; a project without any gets its
    total budget as original, indicative budgets of a year at most (marked as such, for the import to
    leave them out), when its dates are known; otherwise no budget element (the exact figure is in the
    extension either way)."""
    budgets = list(project.budgets.all())
    for budget in budgets:
        node = element(activity, "budget", {"type": budget.kind, "status": budget.status})
        _period(node, budget)
        _value(node, budget)
    if budgets or project.budget_usd is None or not (project.start_date and project.end_date):
        return
    periods = iati.yearly_periods(project.start_date, project.end_date)
    for (start, end), amount in zip(periods, iati.split_amount(project.budget_usd, periods), strict=True):
        budget = element(activity, "budget", {"type": BUDGET_ORIGINAL, "status": BUDGET_INDICATIVE})
        budget.set(ilo("derived"), DERIVED_BUDGET)
        element(budget, "period-start", {"iso-date": start.isoformat()})
        element(budget, "period-end", {"iso-date": end.isoformat()})
        element(
            budget,
            "value",
            {"currency": iati.CURRENCY, "value-date": start.isoformat()},
            text=iati.money(amount),
        )


def _period(node, row):
    element(node, "period-start", {"iso-date": row.period_start.isoformat()})
    element(node, "period-end", {"iso-date": row.period_end.isoformat()})


def _value(node, amount):
    """<value>: in the activity's default currency unless it says another, on its value date."""
    currency = amount.currency if amount.currency != iati.CURRENCY else None
    day = amount.value_date or amount.counted_on()
    element(
        node, "value", {"currency": currency, "value-date": day.isoformat()}, text=iati.money(amount.value)
    )


def _organisation(node, tag, organisation, name=""):
    """<provider-org>/<receiver-org>: a recorded organisation by its IATI identifier and its names (its
    slug in the extension, for the import to find it again), or else the name written on the row.
    A draft organisation the reader may not see was prefetched as none: it is never named."""
    if organisation is not None:
        org = iati.narratives(
            node, tag, all_languages(organisation, "name"), {"ref": organisation.iati_identifier}
        )
        org.set(ilo("slug"), organisation.slug)
    elif name:
        narrative(node, tag, name)


def _planned_disbursement(activity, disbursement):
    node = element(activity, "planned-disbursement", {"type": disbursement.kind})
    _period(node, disbursement)
    _value(node, disbursement)
    _organisation(node, "provider-org", disbursement.provider)
    _organisation(node, "receiver-org", disbursement.receiver)


def _transaction(activity, transaction):
    node = element(activity, "transaction", {"ref": transaction.reference})
    element(node, "transaction-type", {"code": transaction.kind})
    element(node, "transaction-date", {"iso-date": transaction.date.isoformat()})
    _value(node, transaction)
    descriptions = all_languages(transaction, "description")
    if any(descriptions.values()):
        iati.narratives(node, "description", descriptions)
    _organisation(node, "provider-org", transaction.provider, transaction.provider_name)
    _organisation(node, "receiver-org", transaction.receiver, transaction.receiver_name)
    if made := iati.provenance_attribute(transaction):
        node.set(ilo("translations"), made)


def document_link(activity, source, base_url):
    """The project's source as a <document-link>: its PDF through the site's download view, or else
    its online address; a source with neither (an archived original) has no link to give. The
    `ilo:` attributes let an import find the same source again."""
    if source is None:
        return None
    if source.file:
        url, media_type = f"{base_url}{source.get_file_url()}", CONTENT_TYPE
    elif source.url:
        url, media_type = source.url, source_media_type(source.url)
    else:
        return None
    node = element(activity, "document-link", {"url": url, "format": media_type})
    iati.narratives(node, "title", all_languages(source, "title"))
    element(node, "category", {"code": source.document_category})
    element(node, "language", {"code": source.language})
    if source.published_on:
        element(node, "document-date", {"iso-date": source.published_on.isoformat()})
    for name, value in (
        ("slug", source.slug),
        ("kind", source.kind),
        ("publisher", source.publisher),
        ("date-precision", source.date_precision if source.published_on else ""),
        ("page", f"{base_url}{source.get_absolute_url()}"),
    ):
        if value:
            node.set(ilo(name), iati.clean(value))
    return node


def source_media_type(url):
    """The IANA media type an online document is taken to have: a PDF by its path, else a web page."""
    return CONTENT_TYPE if urlsplit(url).path.lower().endswith(".pdf") else "text/html"


def result_period(project, dates):
    """The period a result's figure covers when the result gives no year: the project's, ending at its
    last update when the project has no end date."""
    start = dates[0][1]
    last_update = project.updated_at.date() if project.updated_at else timezone.localdate()
    return start, max(start, project.end_date or last_update)


def _result(activity, result, period):
    """An outcome: its headline figure as the first indicator (a count in the result's unit, or
    qualitative when it has no figure), then the indicators it is measured by."""
    node = element(activity, "result", {"type": RESULT_OUTCOME})
    iati.narratives(node, "title", all_languages(result, "title"))
    for name, value in (
        ("country", result.country_id),
        ("place", result.place),
        ("year", result.year),
        ("position", result.position),
        ("translations", iati.provenance_attribute(result)),
    ):
        if value not in ("", None):
            node.set(ilo(name), iati.clean(value))
    counted = result.value is not None
    indicator = element(node, "indicator", {"measure": MEASURE_UNIT if counted else MEASURE_QUALITATIVE})
    # The indicator's title is the unit (its translations the unit's), or the result's title.
    iati.narratives(indicator, "title", all_languages(result, "unit" if result.unit else "title"))
    if result.unit:
        indicator.set(ilo("unit"), iati.clean(result.unit))
    if result.qualifier:
        indicator.set(ilo("qualifier"), result.qualifier)
    if counted:
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
    for measured in result.indicators.all():
        _indicator(node, measured)


def _indicator(result_node, indicator):
    """A measured indicator after the headline one: its baseline, and each period's target and actual.
    Its unit, which IATI has no place for, is in the extension."""
    node = element(
        result_node,
        "indicator",
        {"measure": indicator.measure, "ascending": "1" if indicator.ascending else "0"},
    )
    iati.narratives(node, "title", all_languages(indicator, "title"))
    if indicator.baseline_year:
        value = indicator.baseline_value
        element(
            node,
            "baseline",
            {"year": indicator.baseline_year, "value": iati.number(value) if value is not None else None},
        )
    for period in indicator.periods.all():
        period_node = element(node, "period")
        _period(period_node, period)
        if period.target is not None:
            element(period_node, "target", {"value": iati.number(period.target)})
        if period.actual is not None:
            element(period_node, "actual", {"value": iati.number(period.actual)})
    for name, value in (
        *((_ilo_column("unit", code), text) for code, text in all_languages(indicator, "unit").items()),
        ("position", indicator.position),
        ("translations", iati.provenance_attribute(indicator)),
    ):
        if value not in ("", None):
            node.set(ilo(name), iati.clean(value))


def _ilo_column(field_name, code):
    """The extension attribute of a field's text in a language: "unit", "unit-fr"."""
    return field_name if code == iati.LANGUAGE else f"{field_name}-{code}"


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
            "translations": iati.provenance_attribute(project),
        },
    )
    # The Markdown, in each language that has it (`xml:lang` as on narratives, English unmarked).
    for field in ("summary", "description"):
        for code, text in all_languages(project, field).items():
            if text:
                element(node, ilo(field), {iati.XML_LANG: code if code != iati.LANGUAGE else None}, text=text)
    for theme in project.themes.all():
        element(node, ilo("theme"), {"slug": theme.slug})
    for region in project.regions.all():
        element(node, ilo("region"), {"slug": region.slug})
    for donor in project.donors.all():
        element(node, ilo("donor"), {"slug": donor.slug})
