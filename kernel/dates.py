"""Dates kept at the precision the source gives them: "2012–2017", "March 2016", "2 December 2022"."""

import datetime

from django.db import models
from django.utils import dateformat


class Precision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


FORMATS = {Precision.DAY: "j F Y", Precision.MONTH: "F Y", Precision.YEAR: "Y"}


def format_date(value, precision=Precision.DAY):
    """Show a date no more precisely than it is known."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    return dateformat.format(value, FORMATS.get(precision, FORMATS[Precision.DAY]))


def format_span(start, start_precision, end, end_precision):
    """A date range, shortened where both ends share a precision: "2012–2017", "since 2011"."""
    first = format_date(start, start_precision)
    last = format_date(end, end_precision)
    if first and last:
        if first == last:
            return first
        return f"{first}–{last}"
    if first:
        return f"since {first}"
    if last:
        return f"until {last}"
    return ""
