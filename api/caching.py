"""API answers to anonymous clients from the cache, before the rest of the middleware runs.

The viewsets keep each answer too (`ResourceViewSet.cached`), but reaching them costs the whole
stack: sessions, languages, authentication, DRF's request, content negotiation and throttling, about
as much again as the answer itself. Here a kept answer is served as the page cache serves a page
(operations/caching.py), with the headers it was first sent with, to a request the rest of the stack
could not answer differently: a GET or HEAD with no session cookie and no credentials. Its key holds,
beside the address, every request header an answer varies on: `Accept` (the format), `Accept-Language`
(the language, unless `?lang=` names it) and `Origin` (CORS). The content version keeps it fresh.

A hit still counts against the client's rate (`api.throttling.AnonymousThrottle`, the one the API
applies): a client over its rate goes on down the stack, which refuses it with the usual 429.
"""

from api.throttling import AnonymousThrottle
from operations.caching import AnonymousPageCacheMiddleware, response_key
from operations.compression import accepted_encoding

# The request headers an anonymous API answer varies on (see the module).
VARIES_ON = ("Accept", "Accept-Language", "Origin")


class AnonymousAPICacheMiddleware(AnonymousPageCacheMiddleware):
    prefix = "/api/"

    def key(self, request):
        if not request.path_info.startswith(self.prefix) or not self.anonymous_read(request):
            return None
        headers = "\n".join(request.headers.get(name, "") for name in VARIES_ON)
        # The language is in the headers and the address (`?lang=`), not yet chosen here.
        # The encoding: what is kept is the answer as sent, compressed or not (operations/compression.py).
        variant = f"api\n{accepted_encoding(request)}\n{headers}"
        return response_key(request, variant, language="-")

    def admits(self, request):
        return AnonymousThrottle().allow_request(request, None)
