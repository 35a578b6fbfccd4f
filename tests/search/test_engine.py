"""The offer search: spaCy lemmas, glossary and keyword phrase matching, BM25 ranking."""

import pytest

from bot.offer.loader import get_offer
from bot.search import get_search


@pytest.fixture(scope="module")
def search():
    return get_search()


def test_built_once_and_cached(search):
    assert get_search() is search


def test_lemmas_fold_plurals_and_verb_forms(search):
    assert search.lemmas("bedrooms") == search.lemmas("bedroom")
    assert "exclude" in search.lemmas("she was excluded")


@pytest.mark.parametrize(
    ("text", "section"),
    [
        ("our grandkids have no bedrooms of their own", "housing"),
        ("i can't afford the school uniform", "financial-support"),
        ("she has been excluded from school", "education"),
        ("is there a free nursery place", "early-years"),
        ("he has tantrums every night", "therapeutic-support"),
    ],
)
def test_ranks_the_right_section_first(search, text, section):
    assert search.search(text)[0].section_id == section


def test_several_needs_named_in_one_message(search):
    assert set(search.named_needs("we need money and a bigger house")) == {
        "financial-support",
        "housing",
    }


def test_generic_words_do_not_name_a_need(search):
    assert search.named_needs("hello, can you help me please") == []


def test_arrangement_words_are_not_a_need(search):
    # "special guardianship" is a legal-support keyword, but here it only names the arrangement.
    assert "legal-support" not in search.named_needs("i have special guardianship")


@pytest.mark.parametrize(
    ("text", "arrangement"),
    [
        ("we have an SGO", "sgo"),
        ("special guardian ship for my grandson", "sgo"),
        ("we got a residence order years ago", "cao"),
        ("she came under reg 24", "kinship_fostering"),
        ("no court stuff, we just took him in", "informal"),
        ("im privately fostering my friends son", "private_fostering"),
    ],
)
def test_finds_arrangements_from_the_glossary(search, text, arrangement):
    assert search.find_arrangements(text) == [arrangement]


def test_over_broad_words_set_no_arrangement(search):
    assert search.find_arrangements("i'm looking after my grandchild") == []
    assert search.find_arrangements("the residence is small") == []


def test_finds_terms_longest_match_with_offsets(search):
    text = "what does special guardianship order mean"
    hits = search.find_terms(text)
    assert [h.term.term for h in hits] == ["special guardianship order"]
    assert text[hits[0].start : hits[0].end] == "special guardianship order"


def test_nothing_for_messages_about_nothing_in_the_offer(search):
    assert search.search("what is the capital of france") == []


def test_every_glossary_term_is_found_by_its_own_name(search):
    for term in get_offer().glossary:
        names = [h.term.term for h in search.find_terms(term.term)]
        assert term.term in names, term.term


@pytest.mark.parametrize(
    ("text", "arrangement"),
    [
        # an arrangement's name typed one letter out is still found
        ("we got special guardiamship for our two last spring", "sgo"),
        ("the old residense order for my nephew, does it still count", "cao"),
        ("she's with us on a child arrangemnts order since 2022", "cao"),
    ],
)
def test_an_arrangement_name_one_letter_out_is_found(search, text, arrangement):
    assert search.find_arrangements(text) == [arrangement]


def test_a_word_the_offer_uses_is_never_respelt(search):
    # "residents" is two letters from "residence"; "kinship" words the offer itself uses stay
    assert search.find_arrangements("the residents parking permit for our street") == []
    assert all(search._respelt(w) is None for w in ("children", "special", "assessment"))
