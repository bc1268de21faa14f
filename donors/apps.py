from django.apps import AppConfig


class DonorsConfig(AppConfig):
    """Donors, their contributions, and the organisations behind them."""

    name = "donors"
