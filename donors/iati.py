"""A donor as an IATI 2.03 organisation file: what it gives the ILO, as yearly budgets to the ILO.

The ILO publishes the file about another organisation, so its reporting-org is marked as a secondary
reporter. Each year a contribution covers becomes a recipient-org-budget (recipient: the ILO) of at
most a year, as the rulesets require: a contribution over several years is spread evenly over them,
one budget-line per contribution. Every contribution, with its total, its "more than" and in-kind
support that has no value, is also listed in the ILO extension namespace.
"""

import datetime
from collections import defaultdict

from django.db.models import F
from django.utils import translation

from kernel import iati
from kernel.iati import element, ilo
from kernel.quantities import Qualifier, format_figure
from kernel.translation import all_languages
from kernel.visibility import visible

# OECD DAC donor codes of the DAC members' governments: IATI's organisation identifier for the
# government of a DAC member is XM-DAC-<code> (the OECD DAC list is IATI registration agency XM-DAC).
DAC_MEMBER_CODES = {
    "AT": "1",
    "BE": "2",
    "DK": "3",
    "FR": "4",
    "DE": "5",
    "IT": "6",
    "NL": "7",
    "NO": "8",
    "PT": "9",
    "SE": "10",
    "CH": "11",
    "GB": "12",
    "FI": "18",
    "IS": "20",
    "IE": "21",
    "LU": "22",
    "GR": "40",
    "ES": "50",
    "SI": "61",
    "CZ": "68",
    "SK": "69",
    "HU": "75",
    "PL": "76",
    "CA": "301",
    "US": "302",
    "JP": "701",
    "KR": "742",
    "AU": "801",
    "NZ": "820",
}


def organisation_identifier(donor, *, user=None):
    """The donor's IATI organisation identifier, in this order: the government of a DAC member State
    (XM-DAC-701 for Japan); the identifier of a top-level organisation counted under the donor that
    `user` may see (the public's, unless a user is given); else one made under the ILO's own prefix,
    XM-DAC-41302-DONOR-<slug>, stable as long as the slug is."""
    if donor.kind == donor.Kind.MEMBER_STATE and donor.country_id in DAC_MEMBER_CODES:
        return f"XM-DAC-{DAC_MEMBER_CODES[donor.country_id]}"
    identified = (
        visible(donor.organisations.exclude(iati_identifier=""), user)
        .order_by(F("parent").asc(nulls_first=True), "name")
        .values_list("iati_identifier", flat=True)
        .first()
    )
    return identified or f"{iati.reporting_org_ref()}-DONOR-{donor.slug}"


def organisation_document(donor, *, user=None):
    """The IATI organisation file for one donor (bytes, UTF-8), naming what `user` may see. The
    donor's name is given in every language it has (`narrative xml:lang`); the file's default
    language is English whatever the request's, so the labels made here are English."""
    with translation.override(iati.LANGUAGE):
        return _organisation_document(donor, user=user)


def _organisation_document(donor, *, user=None):
    contributions = list(donor.contributions.order_by("year_from", "year_to", "kind", "slug"))
    updated = max([donor.updated_at, *(c.updated_at for c in contributions if c.updated_at)], default=None)
    organisation = element(
        None,
        "iati-organisation",
        {
            "last-updated-datetime": iati.timestamp(updated) if updated else None,
            iati.XML_LANG: iati.LANGUAGE,
            "default-currency": iati.CURRENCY,
        },
    )
    element(organisation, "organisation-identifier", text=organisation_identifier(donor, user=user))
    iati.narratives(organisation, "name", all_languages(donor, "name"))
    iati.reporting_org(organisation, secondary=True)
    for year, lines in sorted(yearly_budget_lines(contributions).items()):
        _recipient_org_budget(organisation, year, lines)
    extension = element(organisation, ilo("donor"), {"slug": donor.slug, "kind": donor.kind})
    for contribution in contributions:
        element(
            extension,
            ilo("contribution"),
            {
                "slug": contribution.slug,
                "kind": contribution.kind,
                "year-from": contribution.year_from,
                "year-to": contribution.year_to,
                "amount-usd": iati.money(contribution.amount_usd)
                if contribution.amount_usd is not None
                else None,
                "qualifier": contribution.amount_qualifier,
            },
            text=contribution.description or None,
        )
    return b"".join(
        [iati.file_header("iati-organisations"), iati.serialize(organisation), b"</iati-organisations>\n"]
    )


def yearly_budget_lines(contributions):
    """{year: [(contribution, its share of that year)]} for the contributions that have an amount."""
    lines = defaultdict(list)
    for contribution in contributions:
        if contribution.amount_usd is None:
            continue
        years = range(contribution.year_from, contribution.year_to + 1)
        shares = iati.split_amount(contribution.amount_usd, [(_first_day(y), _last_day(y)) for y in years])
        for year, share in zip(years, shares, strict=True):
            lines[year].append((contribution, share))
    return lines


def _recipient_org_budget(organisation, year, lines):
    budget = element(organisation, "recipient-org-budget")
    iati.narratives(budget, "recipient-org", iati.organisation_names(), {"ref": iati.reporting_org_ref()})
    start = _first_day(year).isoformat()
    element(budget, "period-start", {"iso-date": start})
    element(budget, "period-end", {"iso-date": _last_day(year).isoformat()})
    total = sum(share for _, share in lines)
    element(budget, "value", {"currency": iati.CURRENCY, "value-date": start}, text=iati.money(total))
    for contribution, share in lines:
        line = element(budget, "budget-line", {"ref": contribution.slug})
        element(line, "value", {"currency": iati.CURRENCY, "value-date": start}, text=iati.money(share))
        element(line, "narrative", text=_describe(contribution))
        line.set(ilo("kind"), contribution.kind)
        if contribution.amount_qualifier:
            line.set(ilo("qualifier"), contribution.amount_qualifier)


def _describe(contribution):
    """ "Assessed contribution (2012–2017): more than USD 271,000,000 in all" """
    qualifier = Qualifier(contribution.amount_qualifier)
    words = f"{qualifier.label.lower()} " if qualifier != Qualifier.EXACT else ""
    amount = f"{words}USD {format_figure(contribution.amount_usd)}"
    spread = " in all" if contribution.year_from != contribution.year_to else ""
    return f"{contribution.get_kind_display()} ({contribution.period}): {amount}{spread}"


def _first_day(year):
    return datetime.date(year, 1, 1)


def _last_day(year):
    return datetime.date(year, 12, 31)
