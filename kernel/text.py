"""Short text for cards, lists and page descriptions: whole sentences, never a sentence cut short.

A summary of "…more than USD 271 million in …" drops the period the figure is true for; so a
text too long for its place keeps as many whole sentences as fit, and a first sentence longer
than the place is kept whole (a card grows a line rather than state half a fact).
"""

import re

from kernel.markdown import to_text

# A sentence ends at . ! or ? (maybe followed by a closing quote or bracket), then a space and
# the start of the next sentence. Abbreviations a title or a list uses do not end one.
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")
ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Ms|Mrs|Dr|Prof|St|No|Nos|Art|Vol|vs|etc|e\.g|i\.e|cf|approx|Jan|Feb|Mar|Apr|Jun|Jul|Aug|"
    r"Sep|Sept|Oct|Nov|Dec|Inc|Ltd|Co)|\b[A-Z])\.[\"”’)\]]*$"
)


def sentences(text):
    """The text's sentences, in order, each with its closing punctuation."""
    text = " ".join(text.split())
    if not text:
        return []
    parts, start = [], 0
    for match in SENTENCE_END.finditer(text):
        candidate = text[start : match.start()]
        if ABBREVIATIONS.search(text[: match.start()].rstrip()):
            continue
        parts.append(candidate + text[match.start() : match.end()].rstrip())
        start = match.end()
    parts.append(text[start:])
    return [part.strip() for part in parts if part.strip()]


def summarize(text, limit=240, markdown=True, strict=False):
    """`text` (Markdown unless `markdown=False`) as plain text of at most `limit` characters where
    whole sentences allow it: the sentences that fit, or the first sentence whole. `strict` (a
    page description with a hard limit) gives "" rather than a first sentence that is too long,
    so that the caller says something else whole."""
    plain = to_text(text or "") if markdown else (text or "")
    plain = " ".join(plain.split())
    if len(plain) <= limit:
        return plain
    kept = []
    if strict:
        for sentence in sentences(plain):
            if len(" ".join([*kept, sentence])) > limit:
                break
            kept.append(sentence)
        return " ".join(kept)
    for sentence in sentences(plain):
        if kept and len(" ".join([*kept, sentence])) > limit:
            break
        kept.append(sentence)
        if len(" ".join(kept)) > limit:
            break
    return " ".join(kept)
