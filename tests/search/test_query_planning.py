"""Query analysis shared by both backends: requests checked, words expanded, misspellings corrected, snippets marked."""

import pytest
from django.http import QueryDict

from search.highlight import best_passage, highlight, snippet
from search.lexicon import Entry, Lexicon
from search.query import MAX_WORDS, SearchInputError, SearchRequest, plan_query
from search.spelling import Vocabulary, build_vocabulary, edit_distance, skeleton, sound_key

LEXICON = Lexicon(
    {
        "visa": Entry("visa", {"en": ("visa",), "ur": ("ویزا",), "roman": ("veeza", "viza")}),
        "saudi": Entry("saudi", {"en": ("saudi", "saudi arabia"), "ur": ("سعودی",), "roman": ("saudia",)}),
    }
)
VOCABULARY = build_vocabulary(
    ["The legal way to go to Saudi Arabia", "Sponsorship and your visa", "شکایت کہاں کریں", "trafficking hotline"],
    extra_words=LEXICON.terms(),
)


def plan(text, language="en"):
    return plan_query(text, LEXICON, VOCABULARY, language)


def spellings(group):
    return [(spelling.text, spelling.kind) for spelling in group.spellings]


def test_a_word_expands_to_its_lexicon_spellings_with_the_typed_one_weighted_highest():
    (group,) = plan("veeza").groups
    assert group.original.text == "veeza" and group.original.weight == 1.0
    assert set(spellings(group)) == {
        ("veeza", "original"),
        ("visa", "variant"),
        ("viza", "variant"),
        ("ویزا", "variant"),
    }
    assert all(spelling.weight < 1.0 for spelling in group.spellings[1:])


def test_the_longest_lexicon_phrase_is_one_group():
    groups = plan("saudi arabia visa").groups
    assert [group.original.text for group in groups] == ["saudi arabia", "visa"]
    assert ("saudia", "variant") in spellings(groups[0])


def test_unknown_words_get_corrections_and_a_suggestion():
    query = plan("sponsership")
    assert ("sponsorship", "spelling") in spellings(query.groups[0])
    assert query.suggestion == "sponsorship"
    assert plan("trafiking hotline").suggestion == "trafficking hotline"
    assert plan("visa").suggestion == ""


def test_a_lexicon_spelling_nothing_contains_suggests_the_learners_own_spelling():
    assert plan("veeza").suggestion == "visa"
    assert plan("veeza", language="ur").suggestion == "ویزا"


def test_roman_urdu_finds_urdu_script_words_by_their_consonants():
    (group,) = plan("shikayat").groups
    assert ("شکایت", "skeleton") in spellings(group)
    assert plan("shikayat").suggestion == "", "a guess from the skeleton is not offered as a correction"


def test_words_are_normalised_and_capped():
    assert plan("  VISA  ").text == "visa"
    assert len(plan(" ".join(f"word{n}" for n in range(20))).groups) == MAX_WORDS
    assert plan("...").is_empty


def test_request_from_parameters():
    params = QueryDict("q=visa&language=ur&language=en&content_type=lesson&page=2&page_size=5&country=SA")
    request = SearchRequest.from_params(params, language="pnb", site_id=3, languages=["en", "ur", "pnb"])
    assert request.filters == {
        "language": frozenset({"ur", "en"}),
        "content_type": frozenset({"lesson"}),
        "country": frozenset({"SA"}),
    }
    assert (request.page, request.page_size, request.offset, request.language) == (2, 5, 5, "pnb")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("page=-1", "page must be a whole number from 1 to 50"),
        ("page=51", "page must be a whole number"),
        ("page_size=0", "page_size must be"),
        ("language=de", "'de' is not a valid language"),
        ("country=sa", "'sa' is not a valid country"),
        ("publisher=A%20B", "not a valid publisher"),
        ("content_type=guide-section", "not a valid content type"),
        ("q=" + "x" * 201, "too long"),
    ],
)
def test_invalid_requests_are_refused(query, message):
    with pytest.raises(SearchInputError, match=message):
        SearchRequest.from_params(QueryDict(query), language="en", site_id=None, languages=["en", "ur", "pnb"])


def test_edit_distance_counts_transpositions_and_stops_early():
    assert edit_distance("visa", "viza", 2) == 1
    assert edit_distance("sopnsor", "sponsor", 2) == 1
    assert edit_distance("abc", "xyzabc", 2) == 3
    assert edit_distance("trafiking", "trafficking", 2) == 2


def test_sound_and_skeleton_keys():
    assert sound_key("veeza") == sound_key("visa")
    assert sound_key("حفاظت") == sound_key("حفازت")
    assert skeleton("vakil") == skeleton("وکیل") == "kl"  # too short to match on (MIN_SKELETON_LENGTH)
    assert skeleton("shikayat") == skeleton("شکایت")


def test_vocabulary_prefers_the_commonest_correction():
    vocabulary = Vocabulary({"visa": 10, "vise": 1})
    assert vocabulary.corrections("visx")[0].word == "visa"
    assert vocabulary.corrections("visa") == [], "known words need no correction"
    assert vocabulary.corrections("vi") == [], "too short to guess"


def test_highlighting_escapes_html_and_marks_analysed_matches():
    marked = highlight('<img src=x onerror="alert(1)"> Visas & ویزہ', {"visa", "ویزہ"})
    assert str(marked) == "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; <mark>Visas</mark> &amp; <mark>ویزہ</mark>"


def test_snippets_take_the_best_passage():
    body = "First sentence about nothing. The hundi system is risky. Another line.\nLast line."
    assert best_passage(body, {"hundi"}).startswith("The hundi system is risky.")
    assert "<mark>hundi</mark>" in snippet("How to send money.", body, {"hundi"})
    assert str(snippet("How to send money.", body, {"money"})) == "How to send <mark>money</mark>."
    long_text = "word " * 200
    assert len(best_passage(long_text, {"word"})) < 240


def test_the_best_passage_is_the_first_sentence_with_the_most_distinct_matched_words():
    body = "A visa is needed. Visa and passport both. A passport only. Passport, visa, again."
    assert best_passage(body, {"visa", "passport"}, length=30) == "Visa and passport both."
    assert best_passage(body, {"passport"}, length=30) == "Visa and passport both."
    assert best_passage(body, {"hundi"}, length=30) == "A visa is needed."


def test_the_database_matches_a_word_typed_alone_without_variant_phrases_that_contain_a_shorter_spelling():
    """ "saudi arabia" finds nothing "saudi" does not, and costs the full-text index more; a typed phrase stays."""
    from search.backends.database import spellings_to_match

    def searched(text):
        (group,) = plan(text).groups
        return [" ".join(terms) for terms in spellings_to_match([spelling.terms for spelling in group.spellings])]

    assert searched("saudia") == ["saudia", "saudi", "سعودی"]
    assert sorted(searched("saudi arabia")) == sorted(["saudi arabia", "saudi", "saudia", "سعودی"])
