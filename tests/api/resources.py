"""Every API resource, with a way to make one of its records, for the tests that apply to all."""

from dataclasses import dataclass
from typing import Any

from tests.factories import (
    BudgetFactory,
    ContributionFactory,
    DonorFactory,
    EventFactory,
    ExchangeRateFactory,
    OrganisationFactory,
    PersonFactory,
    ProjectFactory,
    TransactionFactory,
    country,
    region,
    sdg,
    theme,
)


@dataclass
class Resource:
    name: str
    make: Any
    key: str
    change: dict
    publishable: bool = True

    @property
    def list_url(self):
        return f"/api/v1/{self.name}/"

    def detail_url(self, record):
        return f"{self.list_url}{getattr(record, self.key)}/"

    def __str__(self):
        return self.name


RESOURCES = [
    Resource("donors", DonorFactory, "slug", {"name": "Renamed"}),
    Resource("contributions", ContributionFactory, "slug", {"description": "Changed"}, publishable=False),
    Resource("organisations", OrganisationFactory, "slug", {"name": "Renamed"}),
    Resource("projects", ProjectFactory, "slug", {"title": "Renamed"}),
    Resource("events", EventFactory, "slug", {"title": "Renamed"}),
    Resource("people", PersonFactory, "slug", {"name": "Renamed"}),
    Resource("countries", lambda **kwargs: country("NP"), "code", {"name": "Nepal (renamed)"}, False),
    Resource("regions", lambda **kwargs: region("africa"), "slug", {"name": "Africa (renamed)"}, False),
    Resource(
        "themes", lambda **kwargs: theme("child-labour"), "slug", {"name": "Child labour (renamed)"}, False
    ),
    Resource("sdgs", lambda **kwargs: sdg(8), "number", {"short_name": "Decent work"}, False),
]
PUBLISHABLE = [resource for resource in RESOURCES if resource.publishable]


# Read-only resources, each row by its id: the lists of money (written with their project) and of
# exchange rates (written in the admin). `publishable`: hidden with a draft project.
READ_ONLY = [
    Resource("transactions", TransactionFactory, "id", {}, publishable=True),
    Resource("budgets", BudgetFactory, "id", {}, publishable=True),
    Resource("exchange-rates", ExchangeRateFactory, "id", {}, publishable=False),
]
