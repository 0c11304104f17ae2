"""acme-tiny compares texts by their words in one way: one tokenizer, one plural strip, one stop list."""

from course_utils.offline.reading import words
from course_utils.offline.reading.words import STOP_WORDS, content_words, stem, words_of


def test_words_keep_hyphenated_and_dotted_tokens_whole():
    assert words_of("A 45-day window for v2.1 by e-mail.") == ["a", "45-day", "window", "for", "v2.1", "by", "e-mail"]


def test_plural_endings_go_but_short_words_and_double_s_stay():
    assert [stem(w) for w in ("categories", "rooms", "class", "bus")] == ["category", "room", "class", "bus"]


def test_content_words_drop_stop_words_before_the_plural_strip():
    assert content_words("How many orders does this region have?") == {"order", "region"}
    assert "doe" not in content_words("Does it ship?") and "thi" not in content_words("this one")


def test_the_reader_and_the_sql_adapter_share_the_same_functions_and_list():
    from course_utils.offline.model.acme_tiny import features
    from course_utils.offline.sql import adaptation, candidates, transfer

    assert features.content_words is adaptation.content_words is candidates.content_words is content_words
    assert adaptation.STOP_WORDS is transfer.STOP_WORDS is words.STOP_WORDS
    assert {"the", "how", "many", "number", "please"} <= STOP_WORDS
