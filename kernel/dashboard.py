"""The admin home's overview: my drafts, what is scheduled, what changed and what was published lately.

It covers every publishable model registered in the admin that the user may view, as
`kernel.visibility` lets them see it, without knowing the content apps (the kernel imports none). Each
panel costs one query per model, whatever the number of records: a record's last editor is read in the
same query (a subquery on its history), never row by row.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import OuterRef, Subquery
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from kernel.history import history_of, is_tracked
from kernel.publishing import PublicationState, Publishable

PANEL_SIZE = 8


@dataclass(frozen=True)
class Item:
    record: Publishable
    noun: str
    url: str
    when: datetime | None
    editor: str
    state: str


@dataclass(frozen=True)
class Panel:
    key: str
    title: str
    empty: str
    when_label: str
    items: list


PANELS = [
    ("drafts", _("My drafts"), _("You have no drafts."), _("changed")),
    ("scheduled", _("Scheduled"), _("Nothing is scheduled."), _("to be published")),
    ("changed", _("Recently changed"), _("Nothing has changed yet."), _("changed")),
    ("published", _("Recently published"), _("Nothing is published yet."), _("published")),
]


def publishable_admins(site, request):
    """(model, model admin) for each publishable model the user may view in the admin, in the order of
    the admin home (`AdminSite.app_order`)."""
    found = [
        (model, model_admin)
        for model, model_admin in site._registry.items()
        if issubclass(model, Publishable) and model_admin.has_view_or_change_permission(request)
    ]
    order = {label: index for index, label in enumerate(getattr(site, "app_order", ()))}
    return sorted(
        found, key=lambda pair: (order.get(pair[0]._meta.app_label, len(order)), pair[0]._meta.label)
    )


def _last_editor(model):
    """The username of whoever saved the record last, as a subquery on its history."""
    history = history_of(model).model
    latest = history.objects.filter(**{model._meta.pk.attname: OuterRef("pk")}).order_by(
        "-history_date", "-history_id"
    )
    return Subquery(latest.values("history_user__username")[:1])


def _selections(model, user):
    """Each panel's records of one model, as querysets of at most PANEL_SIZE rows."""
    visible = model.objects.visible_to(user)
    if is_tracked(model):
        visible = visible.annotate(last_editor=_last_editor(model))
        history = history_of(model).model
        mine = history.objects.filter(history_user=user).values(model._meta.pk.attname)
        drafts = visible.drafts().filter(pk__in=mine)
    else:
        drafts = visible.none()
    return {
        "drafts": drafts.order_by("-updated_at")[:PANEL_SIZE],
        "scheduled": visible.scheduled().order_by("published_at")[:PANEL_SIZE],
        "changed": visible.order_by("-updated_at")[:PANEL_SIZE],
        "published": visible.published().order_by("-published_at")[:PANEL_SIZE],
    }


def _url(model, record):
    try:
        return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[record.pk])
    except NoReverseMatch:
        return ""


def dashboard(site, request):
    """The four panels for `request.user`, each the latest PANEL_SIZE records across the models."""
    collected = {key: [] for key, *_rest in PANELS}
    for model, _model_admin in publishable_admins(site, request):
        noun = str(model._meta.verbose_name)
        for key, queryset in _selections(model, request.user).items():
            for record in queryset:
                when = {"scheduled": record.published_at, "published": record.published_at}.get(
                    key, record.updated_at
                )
                collected[key].append(
                    Item(
                        record=record,
                        noun=noun,
                        url=_url(model, record),
                        when=when,
                        editor=getattr(record, "last_editor", None) or "",
                        state=PublicationState(record.publication_state).label,
                    )
                )
    panels = []
    for key, title, empty, when_label in PANELS:
        items = sorted(
            collected[key],
            key=lambda item: item.when.timestamp() if item.when else 0,
            reverse=key != "scheduled",
        )
        panels.append(Panel(key, title, empty, when_label, items[:PANEL_SIZE]))
    return panels
