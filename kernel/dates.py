"""Dates kept at the precision the source gives them: "2012–2017", "March 2016", "2 December 2022"."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext

from kernel import l10n

# The span any record's date can have: from before the ILO's founding to far-off plans. A moment is
# bounded in every time zone from UTC−12 to UTC+14, so that a value typed in one zone is still a date
# Python and every database can read in any other (9999-12-31 23:00 at UTC−12 is year 10000 in UTC).
FIRST_YEAR, LAST_YEAR = 1900, 2100
FIRST_DAY, LAST_DAY = datetime.date(FIRST_YEAR, 1, 1), datetime.date(LAST_YEAR, 12, 31)
EARLIEST = datetime.datetime(FIRST_YEAR, 1, 1, tzinfo=datetime.timezone(datetime.timedelta(hours=14)))
LATEST = datetime.datetime(
    LAST_YEAR, 12, 31, 23, 59, 59, tzinfo=datetime.timezone(datetime.timedelta(hours=-12))
)
OUT_OF_RANGE = f"Give a date between {FIRST_YEAR} and {LAST_YEAR}."


def validate_day(value):
    """A date between 1 January 1900 and 31 December 2100."""
    if value is not None and not FIRST_DAY <= value <= LAST_DAY:
        raise ValidationError(OUT_OF_RANGE, code="out_of_range")


def validate_moment(value):
    """A moment between 1900 and 2100 wherever on Earth it is read."""
    if value is None:
        return
    if timezone.is_naive(value):
        value = value.replace(tzinfo=datetime.UTC)
    try:
        inside = EARLIEST <= value <= LATEST
    except OverflowError:
        inside = False
    if not inside:
        raise ValidationError(OUT_OF_RANGE, code="out_of_range")


def local_time(value, zone):
    """`value` in `zone`, or None when it cannot be shown there (a row stored before the bounds held:
    it must still open in the admin to be fixed, and never take a page down)."""
    if value is None:
        return None
    try:
        return timezone.localtime(value, zone)
    except (OverflowError, ValueError):
        return None


class Precision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


def format_date(value, precision=Precision.DAY):
    """Show a date no more precisely than it is known, in the reader's language ("2 December 2022",
    "décembre 2022", "2022年"; `kernel.l10n`)."""
    return l10n.format_date(value, precision)


def format_span(start, start_precision, end, end_precision):
    """A date range, shortened where both ends share a precision: "2012–2017", "since 2011"."""
    first = format_date(start, start_precision)
    last = format_date(end, end_precision)
    if first and last:
        if first == last:
            return first
        return f"{first}–{last}"
    if first:
        return gettext("since %(date)s") % {"date": first}
    if last:
        return gettext("until %(date)s") % {"date": last}
    return ""


def zone_label(zone=None, at=None):
    """ "Asia/Tokyo (UTC+09:00)": a time zone and its offset now (or at `at`); the active zone when
    none is given."""
    zone = zone or timezone.get_current_timezone()
    moment = (at or timezone.now()).astimezone(zone)
    offset = moment.strftime("%z")
    return f"{getattr(zone, 'key', None) or zone} (UTC{offset[:3]}:{offset[3:]})"


# How long a reported state (a project's status) reads as current. Older than this, a page says
# when it was reported ("Ongoing, as reported in May 2017") and the home page counts it apart.
RECENT_DAYS = 365


def recent_since(today=None):
    """The first day whose reports still read as current."""
    today = today or timezone.localdate()
    return today - datetime.timedelta(days=RECENT_DAYS)


def is_recent(day, today=None):
    """Whether a state reported on `day` still reads as current (an unknown day does not)."""
    if day is None:
        return False
    return day >= recent_since(today)


def format_month(value):
    """ "May 2017": how an as-of date reads on a page."""
    return format_date(value, Precision.MONTH)


def format_month_span(first, last):
    """ "May 2017", or "May 2017 to December 2022" when the two months differ."""
    first, last = format_month(first), format_month(last)
    if not first or not last or first == last:
        return first or last
    return gettext("%(first)s to %(last)s") % {"first": first, "last": last}
