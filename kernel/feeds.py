"""The Atom feed every kind of record shares: its latest published records (`/feeds/projects/`...).

A feed has one address in every language and follows the language asked for: `?lang=fr`, else the
`Accept-Language` header, else English (kernel.negotiation). Its titles and summaries are then in
that language (kernel.translation.localized), English standing in where a record has no
translation, and the feed says which language it is in: `xml:lang` on the feed, and on an entry or
its summary in English within a feed in another language. An unknown `lang` is a 400 naming it.
"""

from django.contrib.syndication.views import Feed
from django.http import HttpResponseBadRequest
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.feedgenerator import Atom1Feed

from kernel.markdown import to_text
from kernel.negotiation import PARAMETER, UnknownLanguage, requested_language
from kernel.translation import Localized, localized

FEED_LENGTH = 50


def summary_text(record, *field_names):
    """The first of the fields that has text in the active language, as sanitized plain text (a
    `Localized`); else the first that has English text; "" when none has any."""
    texts = [localized(record, name) for name in field_names]
    text = next((t for t in texts if t and not t.fallback), None) or next((t for t in texts if t), texts[0])
    return Localized(to_text(text), text.language, text.wanted, text.made)


class LocalizedAtomFeed(Atom1Feed):
    """Atom 1.0 whose entries say when their text is in another language than the feed's."""

    def item_attributes(self, item):
        attributes = super().item_attributes(item)
        if item.get("language") and item["language"] != self.feed["language"]:
            attributes["xml:lang"] = item["language"]
        return attributes

    def add_item_elements(self, handler, item):
        # The summary is written here rather than by Atom1Feed, to carry its own xml:lang when it is
        # in another language than its entry's title (Atom does not order an entry's elements).
        description = item["description"]
        item["description"] = None
        super().add_item_elements(handler, item)
        item["description"] = description
        if description is not None:
            attributes = {"type": "html"}
            entry_language = item.get("language") or self.feed["language"]
            if item.get("summary_language") and item["summary_language"] != entry_language:
                attributes["xml:lang"] = item["summary_language"]
            handler.addQuickElement("summary", description, attributes)


class LatestFeed(Feed):
    """The last `FEED_LENGTH` published records, newest publication first, as Atom 1.0."""

    feed_type = LocalizedAtomFeed
    model = None

    def __call__(self, request, *args, **kwargs):
        try:
            language = requested_language(request)
        except UnknownLanguage as error:
            return HttpResponseBadRequest(f"{PARAMETER}: {error}", content_type="text/plain; charset=utf-8")
        with translation.override(language):
            response = super().__call__(request, *args, **kwargs)
        response["Content-Language"] = language
        patch_vary_headers(response, ("Accept-Language",))
        return response

    def items(self):
        return self.model.objects.published().order_by("-published_at", "-pk")[:FEED_LENGTH]

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_guid(self, item):
        return f"{self.model._meta.model_name}-{item.pk}@ilo-partners"

    item_guid_is_permalink = False

    def item_texts(self, item):
        """(title, summary) as `Localized` strings (kernel.translation), for item_extra_kwargs."""
        raise NotImplementedError

    def item_title(self, item):
        return self.item_texts(item)[0]

    def item_description(self, item):
        return self.item_texts(item)[1]

    def item_extra_kwargs(self, item):
        title, summary = self.item_texts(item)
        return {"language": title.language, "summary_language": getattr(summary, "language", "")}
