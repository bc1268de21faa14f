"""The IATI Standard Ruleset's checks that our files must pass beyond the schema, as test helpers.

Each function returns the rules an activity or organisation breaks, as readable strings, so that a
failing test says which rule and where. They follow IATI-Rulesets' standard.json: a start date,
dates in order, no actual date in the future, percentages adding up to 100, budget periods of at
most a year, default language and currency set, identifiers prefixed with the reporting org.
"""

import datetime
import re
from decimal import Decimal

from lxml import etree

from kernel.iati import XML_LANG, hardened_parser, schema

FORBIDDEN_IN_IDENTIFIERS = re.compile(r"[/&|?]")
MAX_PERIOD_DAYS = 365  # the rulesets' time_limit: period-end at most 365 days after period-start


def schema_errors(document, kind):
    """The schema's complaints about a file, empty when it is valid."""
    tree = etree.fromstring(document, hardened_parser()).getroottree()
    validator = schema(kind)
    validator.validate(tree)
    return [f"line {error.line}: {error.message}" for error in validator.error_log]


def _date(value):
    return datetime.date.fromisoformat(value)


def _percentages(nodes):
    return [Decimal(node.get("percentage")) for node in nodes if node.get("percentage") is not None]


def _periods(element, path, where, limit=True):
    errors = []
    for node in element.iterfind(path):
        start = _date(node.find("period-start").get("iso-date"))
        end = _date(node.find("period-end").get("iso-date"))
        if end < start:
            errors.append(f"{where}: {path} ends {end} before it starts {start}")
        if limit and (end - start).days > MAX_PERIOD_DAYS:
            errors.append(f"{where}: {path} {start}..{end} is longer than a year")
    return errors


def _language_and_currency(element, where):
    errors = []
    if not element.get(XML_LANG) and any(n.get(XML_LANG) is None for n in element.iter("narrative")):
        errors.append(f"{where}: no default language, and a narrative without xml:lang")
    if not element.get("default-currency") and any(v.get("currency") is None for v in element.iter("value")):
        errors.append(f"{where}: no default currency, and a value without currency")
    return errors


def activity_rule_errors(activity, today=None):
    today = today or datetime.date.today()
    identifier = activity.findtext("iati-identifier")
    where = identifier
    errors = _language_and_currency(activity, where)
    dates = {}
    for node in activity.iterfind("activity-date"):
        if node.get("type") in dates:
            errors.append(f"{where}: more than one activity-date of type {node.get('type')}")
        dates[node.get("type")] = _date(node.get("iso-date"))
    if "1" not in dates and "2" not in dates:
        errors.append(f"{where}: no start date (activity-date type 1 or 2)")
    for start, end in (("1", "3"), ("2", "4")):
        if start in dates and end in dates and dates[end] < dates[start]:
            errors.append(f"{where}: activity-date {end} is before activity-date {start}")
    for actual in ("2", "4"):
        if actual in dates and dates[actual] > today:
            errors.append(f"{where}: actual activity-date {actual} is in the future")
    updated = activity.get("last-updated-datetime")
    if updated and datetime.datetime.fromisoformat(updated).date() > today:
        errors.append(f"{where}: last-updated-datetime is in the future")
    reporting = activity.find("reporting-org").get("ref")
    if not identifier.startswith(f"{reporting}-"):
        errors.append(f"{where}: the identifier does not start with the reporting-org ref {reporting}")
    refs = [identifier, reporting] + [
        n.get("ref") for n in activity.iterfind("participating-org") if n.get("ref")
    ]
    errors += [
        f"{where}: {ref!r} has a character / & | ?" for ref in refs if FORBIDDEN_IN_IDENTIFIERS.search(ref)
    ]
    for node in activity.iterfind("participating-org"):
        if not node.get("ref") and not (node.findtext("narrative") or "").strip():
            errors.append(f"{where}: a participating-org with neither ref nor narrative")
    geography = _percentages(activity.iterfind("recipient-country")) + _percentages(
        activity.iterfind("recipient-region")
    )
    if geography and sum(geography) != 100:
        errors.append(f"{where}: recipient country and region percentages add up to {sum(geography)}")
    sectors = activity.findall("sector")
    if not sectors:
        errors.append(f"{where}: no sector")
    for vocabulary in {node.get("vocabulary", "1") for node in sectors}:
        shares = _percentages(node for node in sectors if node.get("vocabulary", "1") == vocabulary)
        if len(sectors) > 1 and sum(shares) != 100:
            errors.append(f"{where}: sector percentages (vocabulary {vocabulary}) add up to {sum(shares)}")
    if any(share < 0 or share > 100 for share in geography + _percentages(sectors)):
        errors.append(f"{where}: a percentage outside 0..100")
    errors += _periods(activity, "budget", where)
    errors += _periods(activity, "result/indicator/period", where, limit=False)
    if activity.get("budget-not-provided") and activity.find("budget") is not None:
        errors.append(f"{where}: budget-not-provided with budgets")
    return errors


def organisation_rule_errors(organisation):
    identifier = organisation.findtext("organisation-identifier")
    where = identifier
    errors = _language_and_currency(organisation, where)
    refs = [identifier, organisation.find("reporting-org").get("ref")]
    errors += [
        f"{where}: {ref!r} has a character / & | ?" for ref in refs if FORBIDDEN_IN_IDENTIFIERS.search(ref)
    ]
    for path in (
        "total-budget",
        "recipient-org-budget",
        "recipient-country-budget",
        "recipient-region-budget",
    ):
        errors += _periods(organisation, path, where)
    for budget in organisation.iter("recipient-org-budget", "total-budget"):
        lines = [Decimal(value.text) for value in budget.iterfind("budget-line/value")]
        if lines and sum(lines) != Decimal(budget.findtext("value")):
            errors.append(f"{where}: budget lines do not add up to the budget's value")
    return errors


def parse(document):
    """A file as a tree, read the way the import reads it."""
    return etree.fromstring(document, hardened_parser())


def activity(root, identifier):
    (found,) = [
        node for node in root.iterfind("iati-activity") if node.findtext("iati-identifier") == identifier
    ]
    return found
