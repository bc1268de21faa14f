"""Rates for anonymous clients (per address) and for signed-in staff (per account).

The rates are settings (`DJANGO_API_ANON_RATE`, `DJANGO_API_USER_RATE`), read on each request
rather than once at import, so a deployment or a test can change them.
"""

from rest_framework import throttling
from rest_framework.settings import api_settings


class AnonymousThrottle(throttling.AnonRateThrottle):
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]


class StaffThrottle(throttling.UserRateThrottle):
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]
