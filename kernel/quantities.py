"""Figures as the sources state them: "more than USD 271 million", "about 100 participants"."""

from django.db import models


class Qualifier(models.TextChoices):
    EXACT = "", "Exactly"
    MORE_THAN = "more-than", "More than"
    ABOUT = "about", "About"


def format_figure(value, qualifier=Qualifier.EXACT):
    """A number with thousands separators and no trailing zero decimals, qualified as stated."""
    if value is None:
        return ""
    number = f"{value:,.2f}".rstrip("0").rstrip(".")
    prefix = {Qualifier.MORE_THAN: "more than ", Qualifier.ABOUT: "about "}.get(qualifier, "")
    return prefix + number


def qualifier_field(**kwargs):
    return models.CharField(max_length=10, choices=Qualifier.choices, blank=True, default="", **kwargs)
