"""Organisations and people: the ministries, agencies, unions, companies and ILO offices that fund,
implement, host and channel, and the people who speak for them. All three content apps use them.

The tables keep the names they had when organisations lived in the donors app and people in the
events app (migration 0001 moved the models without touching the database).
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kernel import visibility
from kernel.hierarchy import check_parent
from kernel.markdown import MarkdownField
from kernel.publishing import Publishable, PublishableQuerySet, publication_time_constraint
from kernel.translation import localized, translation_names, translations, with_translations

PUBLISHING = ("publication_status", "published_at")


class OrganisationQuerySet(PublishableQuerySet):
    def for_listing(self, user=None):
        """What an organisation card shows: its country, and the body it is part of when `user` may
        see it (the public's view, unless a user is given)."""
        return self.select_related("country").prefetch_related(
            visibility.prefetch(
                "parent",
                Organisation.objects.only("slug", *PUBLISHING, *with_translations("name")),
                user,
            )
        )


class Organisation(Publishable):
    """A ministry, agency, company, cooperative, union, NGO, academic body, UN fund or ILO office."""

    class Type(models.TextChoices):
        """IATI OrganisationType codelist."""

        GOVERNMENT = "10", _("Government")
        LOCAL_GOVERNMENT = "11", _("Local Government")
        OTHER_PUBLIC = "15", _("Other Public Sector")
        INTERNATIONAL_NGO = "21", _("International NGO")
        NATIONAL_NGO = "22", _("National NGO")
        REGIONAL_NGO = "23", _("Regional NGO")
        PARTNER_COUNTRY_NGO = "24", _("Partner Country based NGO")
        PUBLIC_PRIVATE = "30", _("Public Private Partnership")
        MULTILATERAL = "40", _("Multilateral")
        FOUNDATION = "60", _("Foundation")
        PRIVATE_SECTOR = "70", _("Private Sector")
        PRIVATE_PROVIDER = "71", _("Private Sector in Provider Country")
        PRIVATE_RECIPIENT = "72", _("Private Sector in Aid Recipient Country")
        PRIVATE_THIRD = "73", _("Private Sector in Third Country")
        ACADEMIC = "80", _("Academic, Training and Research")
        OTHER = "90", _("Other")

    class Category(models.TextChoices):
        """What the organisation is, in words the ILO uses (IATI's type is coarser)."""

        MINISTRY = "ministry", _("Ministry or government")
        AGENCY = "agency", _("Government agency")
        COMPANY = "company", _("Company")
        COOPERATIVE = "cooperative", _("Cooperative")
        TRADE_UNION = "trade-union", _("Workers' organisation")
        EMPLOYERS = "employers", _("Employers' organisation")
        NGO = "ngo", _("NGO")
        ACADEMIC = "academic", _("Academic or research body")
        UN_FUND = "un-fund", _("UN fund or agency")
        ILO = "ilo", _("ILO office or unit")
        INTERGOVERNMENTAL = "intergovernmental", _("Intergovernmental organisation")
        OTHER = "other", _("Other")

    name = models.CharField(max_length=200)
    name_fr, name_es, name_ja = translations(name)
    acronym = models.CharField(max_length=40, blank=True)
    type = models.CharField("IATI type", max_length=2, choices=Type.choices)
    category = models.CharField(max_length=20, choices=Category.choices)
    iati_identifier = models.CharField(
        "IATI organisation identifier", max_length=100, blank=True, help_text="For example XM-DAC-41302."
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="units",
        help_text="The body this one is part of (a department of the ILO, a group within a society).",
    )
    country = models.ForeignKey(
        "taxonomy.Country", on_delete=models.PROTECT, null=True, blank=True, related_name="organisations"
    )
    donor = models.ForeignKey(
        "donors.Donor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organisations",
        help_text="The donor profile this organisation's funding is counted under.",
    )
    description = MarkdownField(blank=True, help_text="Markdown.")
    description_fr, description_es, description_ja = translations(description)
    website = models.URLField(blank=True)
    email = models.EmailField(blank=True)
    telephone = models.CharField(max_length=60, blank=True)
    fax = models.CharField(max_length=60, blank=True)
    address = models.TextField(blank=True)

    objects = OrganisationQuerySet.as_manager()
    # Searched through the database's full-text index (kernel.search; made by a migration).
    full_text_fields = (
        "name",
        "acronym",
        "iati_identifier",
        "description",
        *translation_names("name", "description"),
    )
    # The tables keep the names they had in the donors app (organisations/migrations/0001).
    history = HistoricalRecords(table_name="donors_historicalorganisation")

    class Meta(Publishable.Meta):
        db_table = "donors_organisation"
        ordering = ["name"]
        permissions = [("publish_organisation", "Can publish and unpublish organisations")]
        constraints = [
            # Named as the table's constraint was made when the model was in the donors app.
            publication_time_constraint("donors_organisation"),
            models.UniqueConstraint(
                fields=["iati_identifier"],
                condition=~Q(iati_identifier=""),
                name="organisation_unique_iati_identifier",
                violation_error_message="Another organisation already has this IATI identifier.",
            ),
        ]

    def __str__(self):
        name = localized(self, "name")
        return f"{name} ({self.acronym})" if self.acronym else name

    def get_absolute_url(self):
        return reverse("organisations:detail", args=[self.slug])

    def clean(self):
        super().clean()
        check_parent(self)


class Person(Publishable):
    """Someone who speaks at events: a name, an honorific, and where they work now."""

    honorific = models.CharField(max_length=20, blank=True, help_text="Mr., Ms., Prof., Dr.")
    name = models.CharField(max_length=200)
    name_fr, name_es, name_ja = translations(name)
    position = models.CharField(max_length=200, blank=True, help_text="Current position.")
    position_fr, position_es, position_ja = translations(position)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="people"
    )
    biography = MarkdownField(blank=True, help_text="Markdown.")
    biography_fr, biography_es, biography_ja = translations(biography)

    # Searched through the database's full-text index (kernel.search; made by a migration).
    full_text_fields = ("name", "position", "biography", *translation_names("name", "position", "biography"))

    history = HistoricalRecords(table_name="events_historicalperson")

    class Meta(Publishable.Meta):
        db_table = "events_person"
        constraints = [publication_time_constraint("events_person")]
        ordering = ["name"]
        verbose_name_plural = "people"
        permissions = [("publish_person", "Can publish and unpublish people")]

    def __str__(self):
        return localized(self, "name")

    @property
    def full_name(self):
        return f"{self.honorific} {self.name}".strip()
