"""Money as a source states it: a value in a currency (ISO 4217), counted on a day.

A value in another currency than US dollars is shown converted only at a rate staff recorded for
that currency (projects.models.ExchangeRate), with the rate and its day stated; a value no recorded
rate covers stays in its own currency and is left out of sums in dollars, never guessed.
"""

from decimal import ROUND_HALF_UP, Decimal

from babel import numbers
from django.core.exceptions import ValidationError
from django.db import models

from kernel import l10n

USD = "USD"
# ISO 4217 as CLDR knows it, without the codes reserved for tests and "no currency".
CURRENCIES = frozenset(numbers.list_currencies()) - {"XXX", "XTS"}
CENT = Decimal("0.01")


def validate_currency(code):
    if code not in CURRENCIES:
        raise ValidationError(
            "“%(code)s” is not an ISO 4217 currency code (three capital letters, such as USD, EUR or JPY).",
            code="currency",
            params={"code": code},
        )


def currency_field(verbose_name="currency", **kwargs):
    return models.CharField(
        verbose_name,
        max_length=3,
        default=USD,
        validators=[validate_currency],
        help_text="ISO 4217 code: USD, EUR, JPY, CHF…",
        **kwargs,
    )


def currency_code(name):
    """The database's own check that a currency is three capital letters (the form validates the code
    against ISO 4217 too)."""
    return models.CheckConstraint(
        condition=models.Q(currency__regex=r"^[A-Z]{3}$"),
        name=name,
        violation_error_message="A currency is an ISO 4217 code of three capital letters.",
    )


def currency_name(code):
    """ "euro", "yen japonais": the currency's name in the active language."""
    try:
        return numbers.get_currency_name(code, locale=l10n.locale())
    except (ValueError, LookupError):
        return code


def format_amount(value, currency):
    """A value in its own currency, in the active language: "€1,000,000", "1 000 000 €"."""
    if value is None:
        return ""
    if currency == USD:
        return l10n.format_money(value)
    amount = Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)
    pattern = l10n.locale().currency_formats["standard"].pattern.replace("0.00", "0")
    return numbers.format_currency(
        amount,
        currency,
        format=pattern,
        locale=l10n.locale(),
        currency_digits=False,
        decimal_quantization=False,
    )


def to_usd(value, usd_per_unit):
    """The value in dollars at the rate, to the cent."""
    return (Decimal(value) * Decimal(usd_per_unit)).quantize(CENT, rounding=ROUND_HALF_UP)
