"""Text answers compressed for the readers that accept it.

A project list is about 250 KB of HTML, most of it the inline SVG of its map and charts, which gzip
shrinks about sevenfold; JSON, CSV, XML and iCalendar shrink as well. Django's `GZipMiddleware`
does the work, with its defence against BREACH (random bytes in each answer's gzip header; Django's
CSRF token is masked per request besides). This one compresses only text: a PDF, an image or a
spreadsheet is compressed already, and compressing it again would only drop its `Content-Length`
(a download's progress) and spend the CPU.

It sits below the response caches (settings MIDDLEWARE), so that what they keep is the compressed
answer, made once and served as kept (their key holds the encoding: operations/caching.py), and
below WhiteNoise, which serves the compressed copies `collectstatic` made of static files.
"""

from django.middleware.gzip import GZipMiddleware, re_accepts_gzip

# Media types worth compressing, besides every text/… type.
TEXT_SUFFIXES = ("/json", "+json", "/xml", "+xml", "/javascript", "/x-ndjson", "/vnd.oai.openapi")


def compressible(content_type):
    media = content_type.split(";", 1)[0].strip().lower()
    return media.startswith("text/") or media.endswith(TEXT_SUFFIXES)


def accepted_encoding(request):
    """The encoding this request's answer is sent in, as the middleware below decides it: "gzip"
    or "" (the answer as made)."""
    return "gzip" if re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")) else ""


class TextCompressionMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if not compressible(response.get("Content-Type", "")):
            return response
        return super().process_response(request, response)
