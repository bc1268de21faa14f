"""`{% load contributions %}`: contributions as the donor model groups them, for templates."""

from django import template

from donors.models import contribution_totals as group

register = template.Library()


@register.filter
def contribution_totals(contributions):
    """`{{ donor.contributions.all|contribution_totals }}`: already fetched contributions added up
    per kind, period and qualifier (`donors.models.contribution_totals`), with no query."""
    return group(contributions)
