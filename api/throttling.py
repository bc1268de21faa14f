"""Rates for anonymous clients (per address) and for signed-in staff (per account).

Each client's requests are counted in fixed windows of the rate's period with the cache's atomic
`add` and `incr` (Redis's INCR when REDIS_URL is set), so that concurrent requests, in one process or
across servers, are never admitted beyond the rate: DRF's own throttles read a list of request
times, append to it and write it back, which lets simultaneous requests all pass. A client may send
up to the rate at the end of one window and again at the start of the next.

The rates are settings (`DJANGO_API_ANON_RATE`, `DJANGO_API_USER_RATE`), read on each request
rather than once at import, so a deployment or a test can change them. If the cache cannot be
reached, requests are let through.
"""

from rest_framework import throttling
from rest_framework.settings import api_settings


class CountingThrottle:
    """Counts a client's requests in the current window atomically (see the module)."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        ident = self.get_cache_key(request, view)
        if ident is None:
            return True
        now = self.timer()
        window = int(now // self.duration)
        self.window_ends = (window + 1) * self.duration
        key = f"{ident}:{window}"
        if self.cache.add(key, 1, self.duration + 1):
            return True
        try:
            count = self.cache.incr(key)
        except ValueError:  # the window's counter expired between add and incr: a new window
            self.cache.add(key, 1, self.duration + 1)
            return True
        if count is None:  # the cache is unreachable: let the request through
            return True
        return count <= self.num_requests

    def wait(self):
        return max(0.0, self.window_ends - self.timer())


class AnonymousThrottle(CountingThrottle, throttling.AnonRateThrottle):
    def get_cache_key(self, request, view):
        # Also asked of a plain Django request, before authentication has run (api/caching.py): one
        # with no credentials, so anonymous.
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class StaffThrottle(CountingThrottle, throttling.UserRateThrottle):
    pass
