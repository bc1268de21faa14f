"""Reading an IATI activity into an `ActivityRecord`: every value checked, nothing written."""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.text import slugify

from kernel import iati
from kernel.dates import Precision
from kernel.iati import ilo
from kernel.money import CURRENCIES
from kernel.quantities import Qualifier
from kernel.translation import Made, column, language_names, languages, provenance_field_name
from projects.iati.codes import (
    BUDGET_ORIGINAL,
    BUDGET_REVISED,
    DERIVED_BUDGET,
    REGION_OECD_DAC,
    RELATED_CHILD,
    RELATED_PARENT,
    SECTOR_DAC5,
    SECTOR_NOT_SPECIFIED,
    TAG_SDG_GOAL,
    TAG_SDG_TARGET,
    UNKNOWN_PRECISION,
    ActivityDate,
)
from projects.iati.records import (
    ActivityRecord,
    ActivitySkipped,
    AmountRecord,
    DocumentRecord,
    IndicatorRecord,
    OrganisationRef,
    ParticipantRecord,
    PeriodRecord,
    ResultRecord,
)
from projects.models import Budget, BudgetType, Indicator, Participant, Project, Transaction


class ActivityReading:
    """The reading half of `ActivityImport`."""

    def read(self, activity, identifier):
        extension = activity.find(ilo("project"))
        ours = extension is not None
        # A narrative without xml:lang is in the activity's default language (IATI's rule).
        self.activity_language = _language(activity.get(iati.XML_LANG)) or iati.LANGUAGE
        self.ignored_languages, self.standing_in = set(), set()
        title, translated = self.narratives(activity.find("title"))
        if not title:
            raise ActivitySkipped("the title is empty")
        status = activity.find("activity-status").get("code", "")
        if status not in Project.Status.values:
            raise ActivitySkipped(f"unknown activity-status code {status!r}")
        fields = {"title": title, **_columns("title", translated), "status": status}
        fields.update(self.read_dates(activity, identifier))
        if ours:
            kind = extension.get("kind", "")
            fields.update(
                acronym=extension.get("acronym", ""),
                kind=kind if kind in Project.Kind.values else Project.Kind.PROJECT,
                budget_usd=_decimal(extension.get("budget-usd")),
            )
            for name in ("summary", "description"):
                texts = {
                    _language(node.get(iati.XML_LANG)) or iati.LANGUAGE: node.text or ""
                    for node in extension.iterfind(ilo(name))
                }
                fields[name] = texts.get(iati.LANGUAGE, "")
                fields.update(_columns(name, {code: texts.get(code, "") for code in languages()}))
        else:
            descriptions = activity.findall("description")
            general = [node for node in descriptions if node.get("type", "1") == "1"] or descriptions
            description, translated = self.narratives(general[0] if general else None)
            fields.update(summary="", description=description, **_columns("description", translated))
            fields.update(_columns("summary", dict.fromkeys(languages(), "")))
            fields["budget_usd"] = self.read_budget(activity, identifier)
        made = iati.read_provenance(extension.get("translations")) if ours else {}
        fields.update(_provenance(fields, ("title", "summary", "description"), made))
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
        record.documents = self.read_documents(activity, identifier)
        record.budgets = self.read_budgets(activity, identifier)
        record.planned_disbursements = self.read_planned_disbursements(activity, identifier)
        record.transactions = self.read_transactions(activity, identifier)
        for related in activity.iterfind("related-activity"):
            kind, ref = related.get("type"), related.get("ref", "").strip()
            if kind not in (RELATED_PARENT, RELATED_CHILD):
                continue
            if not ref:  # it names no activity: linking it would pick any project without one
                self.warn(identifier, "a related-activity without a ref left out")
            elif kind == RELATED_PARENT and not record.parent_ref:
                record.parent_ref = ref
            elif kind == RELATED_CHILD:
                record.child_refs.append(ref)
        if self.ignored_languages:
            names = ", ".join(sorted(self.ignored_languages))
            self.warn(identifier, f"text in {names} left out: the site has no such language")
        if self.standing_in:
            names = ", ".join(sorted(self.standing_in))
            self.warn(identifier, f"no English text: the {names} text stands in the English fields")
        return record

    def narratives(self, node):
        """An element's text per language: (the English text, {"fr": …, "es": …, "ja": …}).

        A narrative without `xml:lang` is in the activity's default language. The site keeps English
        in the field itself and needs it, so the English text is the narrative in English, else (a
        file without one) the one in the activity's default language, else the first; that text also
        goes to its own language's column. Each of the site's other languages goes to its column,
        whatever the default language; a language the site does not have is left out and noted."""
        found = {}
        for item in node.findall("narrative") if node is not None else ():
            text = (item.text or "").strip()
            if text:
                found.setdefault(_language(item.get(iati.XML_LANG)) or self.activity_language, text)
        self.ignored_languages.update(code for code in found if code not in language_names())
        if iati.LANGUAGE in found or not found:
            english = found.get(iati.LANGUAGE, "")
        else:
            stand_in = self.activity_language if self.activity_language in found else next(iter(found))
            english = found[stand_in]
            self.standing_in.add(stand_in)
        return english, {code: found.get(code, "") for code in languages()}

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
                values[f"{end}_date"], values[f"{end}_precision"] = None, None
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

    # -- money: each amount as its source gives it, in its currency --------------------------------------

    def read_budgets(self, activity, identifier):
        """The recorded budgets; the yearly shares of a total that an export of ours writes for a
        project without any (`ilo:derived`) are not budgets of their own."""
        budgets = []
        for node in activity.iterfind("budget"):
            if node.get(ilo("derived")) == DERIVED_BUDGET:
                continue
            start, end = _period(node)
            what = f"budget {start.isoformat()}"
            kind, status = node.get("type", BUDGET_ORIGINAL), node.get("status", Budget.Status.INDICATIVE)
            if kind not in BudgetType.values or status not in Budget.Status.values:
                self.warn(identifier, f"{what} of type {kind!r} and status {status!r} left out")
                continue
            fields = {"kind": kind, "status": status, "period_start": start, "period_end": end}
            budgets.append(AmountRecord(fields={**fields, **self.read_value(activity, node, what)}))
        return budgets

    def read_planned_disbursements(self, activity, identifier):
        disbursements = []
        for node in activity.iterfind("planned-disbursement"):
            start, end = _period(node)
            what = f"planned-disbursement {start.isoformat()}"
            kind = node.get("type", BUDGET_ORIGINAL)
            if kind not in BudgetType.values:
                self.warn(identifier, f"{what} of type {kind!r} left out")
                continue
            if end is None:
                self.warn(identifier, f"{what} without a period-end left out")
                continue
            fields = {"kind": kind, "period_start": start, "period_end": end}
            disbursements.append(
                AmountRecord(
                    fields={**fields, **self.read_value(activity, node, what)},
                    provider=self.read_organisation(node.find("provider-org")),
                    receiver=self.read_organisation(node.find("receiver-org")),
                )
            )
        return disbursements

    def read_transactions(self, activity, identifier):
        transactions = []
        for node in activity.iterfind("transaction"):
            kind = node.find("transaction-type").get("code", "")
            day = _date(node.find("transaction-date").get("iso-date"))
            what = f"transaction {day.isoformat()}"
            if kind not in Transaction.Kind.values:
                self.warn(identifier, f"{what} of type {kind!r} left out: not a type the site keeps")
                continue
            description, translated = self.narratives(node.find("description"))
            texts = {column("description", code): text[:300] for code, text in translated.items()}
            made = iati.read_provenance(node.get(ilo("translations")))
            fields = {
                "kind": kind,
                "date": day,
                "reference": node.get("ref", "").strip()[:100],
                "description": description[:300],
                **texts,
                **_provenance({"description": description, **texts}, ("description",), made),
                **self.read_value(activity, node, what),
            }
            transactions.append(
                AmountRecord(
                    fields=fields,
                    provider=self.read_organisation(node.find("provider-org")),
                    receiver=self.read_organisation(node.find("receiver-org")),
                )
            )
        return transactions

    def read_value(self, activity, node, what):
        """{"value", "currency", "value_date"} of an element's <value>, in its own currency or else the
        activity's default one. A currency that is not ISO 4217 skips the activity, naming the element."""
        value = node.find("value")
        currency = (value.get("currency") or activity.get("default-currency") or "").strip()
        if currency not in CURRENCIES:
            stated = (
                f"currency {currency!r}"
                if currency
                else "no currency (neither value/@currency nor the activity's default-currency)"
            )
            raise ActivitySkipped(
                f"{what}: {stated}; an amount needs an ISO 4217 currency code such as USD or EUR"
            )
        number = _decimal(value.text)
        if number is None:
            raise ActivitySkipped(f"{what}: the value {value.text!r} is not a number")
        return {"value": number, "currency": currency, "value_date": _date(value.get("value-date"))}

    def read_organisation(self, node):
        """A provider-org or receiver-org: its identifier, its slug on this site, its name."""
        if node is None:
            return None
        name, _ = self.narratives(node)
        ref = OrganisationRef(
            name=name[:200], ref=node.get("ref", "").strip(), slug=node.get(ilo("slug"), "")
        )
        return ref if (ref.name or ref.ref or ref.slug) else None

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

    def read_documents(self, activity, identifier):
        """The document-links with an address and a title; a date IATI cannot hold is left out."""
        documents = []
        for node in activity.iterfind("document-link"):
            title, translated = self.narratives(node.find("title"))
            url = node.get("url", "").strip()
            if not url or not title:
                self.warn(identifier, "document-link without url or title left out")
                continue
            category = node.find("category")
            language = node.find("language")
            date = None
            date_node = node.find("document-date")
            if date_node is not None:
                try:
                    date = datetime.date.fromisoformat(date_node.get("iso-date", ""))
                except ValueError:
                    self.warn(identifier, f"document-link {url!r}: unreadable document-date left out")
            documents.append(
                DocumentRecord(
                    url=url,
                    title=title,
                    format=node.get("format", ""),
                    category=category.get("code", "") if category is not None else "",
                    language=(language.get("code", "") if language is not None else "").lower(),
                    date=date,
                    slug=node.get(ilo("slug"), ""),
                    kind=node.get(ilo("kind"), ""),
                    publisher=node.get(ilo("publisher"), ""),
                    date_precision=node.get(ilo("date-precision"), ""),
                    translations={
                        **_columns("title", translated),
                        **_provenance(_columns("title", translated), ("title",), {}),
                    },
                )
            )
        return documents

    def read_participants(self, activity, identifier):
        participants, per_role = [], {}
        for node in activity.iterfind("participating-org"):
            if node.get(ilo("implied")) == "1":
                continue  # the ILO, added on export only because IATI wants the reporting org present
            role = node.get("role", "")
            if role not in Participant.Role.values:
                self.warn(identifier, f"participating-org with unknown role {role!r} left out")
                continue
            name, translated = self.narratives(node)
            name = name or node.get("ref", "").strip()
            if not name:
                self.warn(identifier, "participating-org with neither name nor ref left out")
                continue
            per_role[role] = per_role.get(role, 0) + 1
            position = node.get(ilo("position"), "")
            notes = {column("note", code): node.get(ilo(f"note-{code}"), "") for code in languages()}
            made = iati.read_provenance(node.get(ilo("translations")))
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
                    name_translations={
                        **_columns("name", translated),
                        **_provenance(_columns("name", translated), ("name",), {}),
                    },
                    translations={**notes, **_provenance(notes, ("note",), made)},
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
            title, titles = self.narratives(node.find("title"))
            named, names = self.narratives(indicator.find("title"))
            if ours:
                unit = indicator.get(ilo("unit"), "")
                units = names if unit else {}
            else:
                # The indicator's title is its unit, unless it only repeats the result's title.
                unit = "" if named == title else named
                units = {code: "" if text == titles[code] else text for code, text in names.items()}
            texts = {
                **_columns("title", titles),
                **_columns("unit", {c: units.get(c, "") for c in languages()}),
            }
            made = iati.read_provenance(node.get(ilo("translations"))) if ours else {}
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
                    translations={**texts, **_provenance(texts, ("title", "unit"), made)},
                    indicators=self.read_indicators(node, identifier, ours),
                )
            )
        return results

    def read_indicators(self, result, identifier, ours):
        """The indicators a result is measured by. In a file of ours the first indicator is the
        result's headline figure and the others are its indicators; in another's, the first is also an
        indicator when it has a baseline or a target."""
        nodes = result.findall("indicator")
        measured = [node for index, node in enumerate(nodes) if index > 0 or (not ours and _aims(node))]
        indicators = []
        for index, node in enumerate(measured, start=1):
            title, titles = self.narratives(node.find("title"))
            measure = node.get("measure", "")
            if measure not in Indicator.Measure.values:
                self.warn(
                    identifier,
                    f"indicator {title!r} of measure {measure!r} left out: only units and percentages kept",
                )
                continue
            units = {code: node.get(ilo(f"unit-{code}"), "") for code in languages()}
            texts = {**_columns("title", titles), **_columns("unit", units)}
            made = iati.read_provenance(node.get(ilo("translations"))) if ours else {}
            position = node.get(ilo("position"), "")
            indicator = IndicatorRecord(
                title=title,
                measure=measure,
                ascending=node.get("ascending", "1") not in ("0", "false"),
                unit=node.get(ilo("unit"), ""),
                position=int(position) if position.isdigit() else index,
                translations={**texts, **_provenance(texts, ("title", "unit"), made)},
            )
            baseline = node.find("baseline")
            if baseline is not None:
                indicator.baseline_year = int(baseline.get("year"))
                indicator.baseline_value = self.read_figure(
                    baseline, identifier, f"indicator {title!r} baseline"
                )
            for period in node.iterfind("period"):
                start, end = _period(period)
                what = f"indicator {title!r} period {start.isoformat()}"
                indicator.periods.append(
                    PeriodRecord(
                        period_start=start,
                        period_end=end,
                        target=self.read_figure(period.find("target"), identifier, f"{what} target"),
                        actual=self.read_figure(period.find("actual"), identifier, f"{what} actual"),
                    )
                )
            indicators.append(indicator)
        return indicators

    def read_figure(self, node, identifier, what):
        """A baseline's, target's or actual's @value as a number ("1,200" reads as 1200); None when it
        has none, and when it is not a number (then said so)."""
        if node is None or not node.get("value", "").strip():
            return None
        value = _decimal(node.get("value").replace(",", ""))
        if value is None:
            self.warn(identifier, f"{what} {node.get('value')!r} is not a number; left out")
        return value


def _language(value):
    """The language an xml:lang names, without its region ("fr-CA" is "fr"); "" when none."""
    return (value or "").strip().lower().split("-")[0]


def _columns(field_name, texts):
    """{"title_fr": …, "title_es": …}: a field's translations as the columns that hold them."""
    return {column(field_name, code): text for code, text in texts.items()}


def _provenance(fields, field_names, made):
    """{"fr_translation": …}: how each language's text was made. What a file of ours says (`made`),
    else "written" (the publisher wrote it), for a language that has text in one of the fields;
    "" for one that has none."""
    provenance = {}
    for code in languages():
        has_text = any(fields.get(column(name, code)) for name in field_names)
        provenance[provenance_field_name(code)] = (made.get(code) or Made.WRITTEN) if has_text else ""
    return provenance


def _date(value):
    return datetime.date.fromisoformat((value or "").strip()[:10])


def _period(node):
    """(period-start, period-end) of an element, the end None when it has none."""
    end = node.find("period-end")
    return _date(node.find("period-start").get("iso-date")), _date(
        end.get("iso-date")
    ) if end is not None else None


def _decimal(value):
    if value in (None, ""):
        return None
    try:
        number = Decimal(value.strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _aims(indicator):
    """Whether an indicator has a baseline or a target: what makes it more than a headline figure."""
    return indicator.find("baseline") is not None or indicator.find("period/target") is not None


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
