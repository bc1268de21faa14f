"""A `Localized` text survives the response cache, which pickles what it keeps."""

import pickle

from kernel.translation import Localized


def test_a_localized_text_pickles_with_its_language():
    text = pickle.loads(pickle.dumps(Localized("Travail décent", "fr", "fr", "machine")))
    assert (text, text.language, text.wanted, text.made) == ("Travail décent", "fr", "fr", "machine")
    assert text.unreviewed and not text.fallback
