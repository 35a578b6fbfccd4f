"""The statistical second net (bot/safety/classifier.py) and how it is combined with the rules.
Sentences here are in no data set."""

import numpy as np
import pytest

from bot.core import data_files
from bot.safety import assess, get_checker
from bot.safety import classifier as classifier_module
from bot.safety.classifier import cached_or_train, development_sets, examples, features, train
from bot.safety.engine import (
    MEAN_THRESHOLD,
    MIN_CLASSIFIER_WORDS,
    SECOND_OPINION_FROM,
    THRESHOLD,
    VETO_THRESHOLD,
    RuleResult,
    SafetyAssessment,
    combine,
)


@pytest.fixture(scope="module")
def checker():
    return get_checker()


def test_training_is_deterministic(checker):
    # How long training and a prediction take is a figure for `make bench`
    # (scripts/bench_safety.py prints both), not a verdict here.
    pairs = examples(development_sets())
    assert len(pairs) > 800
    first = train(pairs, checker.tokens)
    second = train(pairs, checker.tokens)
    assert first.vocab == second.vocab
    assert np.array_equal(first.weights, second.weights) and first.bias == second.bias


def test_the_trained_weights_are_kept_by_what_they_depend_on(checker, tmp_path, monkeypatch):
    """Trained once; the next start reads the same weights back (not trained again); other
    examples are another name, and the name of the old ones is cleared."""
    monkeypatch.setattr(data_files, "CACHE_DIR", tmp_path)
    pairs = [
        ("my nephew's stepdad has a knife at the door now", 1),
        ("the boy next door threw a rock at our window and cut my granddaughter's head", 1),
        ("where do I find the form for the kinship allowance", 0),
        ("can we get help with school transport for my niece", 0),
    ]
    first = cached_or_train(pairs, checker.tokens)
    kept = list(tmp_path.glob("safety-classifier-*.npz"))
    assert len(kept) == 1

    def never(*_):
        raise AssertionError("trained again")

    monkeypatch.setattr(classifier_module, "train", never)
    again = cached_or_train(pairs, checker.tokens)
    assert again.vocab == first.vocab and again.bias == first.bias
    assert np.array_equal(again.weights, first.weights)
    words, lemmas = checker.tokens(["her stepdad has a knife"])[0]
    assert again.probability(words, lemmas) == first.probability(words, lemmas)
    monkeypatch.undo()
    monkeypatch.setattr(data_files, "CACHE_DIR", tmp_path)
    cached_or_train([*pairs, ("is there a carers' group on Tuesdays", 0)], checker.tokens)
    now = list(tmp_path.glob("safety-classifier-*.npz"))
    assert len(now) == 1 and now != kept
    # A damaged file only means training again.
    now[0].write_bytes(b"not a model")
    assert cached_or_train(
        [*pairs, ("is there a carers' group on Tuesdays", 0)], checker.tokens
    ).vocab


def test_prediction_is_a_probability_and_repeatable(checker):
    model = checker.classifier()
    words, lemmas = checker.tokens(["my grandson's dad turned up drunk at contact again"])[0]
    first = model.probability(words, lemmas)
    assert 0.0 <= first <= 1.0
    assert model.probability(words, lemmas) == first


def test_features_cover_words_lemmas_characters_and_classes(checker):
    words, lemmas = checker.tokens(["he was leathering the kids"])[0]
    fs = features(words, lemmas)
    assert {"w:leathering", "l:leather", "c:<kid", "b:he be", "x:HARM", "x:CHILD"} <= fs
    assert features([], []) == set()


@pytest.mark.parametrize(
    "text",
    [
        # danger in wording no rule covers: caught by the classifier alone ("the wee one has been
        # sat in a dirty nappy all day and nobody has fed her" was here until 2026-12-06, when
        # the classifier's threshold rose to 0.70: the rule not_fed catches it now)
        "our little one has been locked in the boot of his mums car, we can hear him",
    ],
)
def test_classifier_catches_unusual_wording(checker, text):
    assert not checker.rules_only(text).assessment.danger
    result = assess(text)
    assert result.danger
    assert (result.category, result.matched) == ("safety_concern", ["classifier"])


def test_a_child_unfed_beside_a_carer_asleep_with_needles_is_caught_by_rules():
    # The classifier alone caught it until 2026-12-05, with a second opinion of 0.198: below
    # DOUBT_PROBABILITY 0.2 that alarm would be a concern. Rules that the classifiers confirm
    # now catch it, as the emergency it is.
    text = (
        "my granddaughter has not had anything to eat since the weekend and her mum is asleep "
        "on the sofa with needles everywhere"
    )
    result = assess(text)
    assert result.danger and result.level == "emergency"
    assert {"not_fed", "carer_intox_now"} <= set(result.matched)


@pytest.mark.parametrize(
    "text",
    [
        "this paperwork is killing me",  # idiom
        "i could murder a cup of tea",
        "nobody is hurting her, she is fine",  # negated
        "i would never hurt my grandson",
        "he was hit by his dad years ago but he is safe with us now",  # past
        "what should i do if i think a child is being neglected",  # general question
        "can you tell me about support groups",
    ],
)
def test_idiom_negation_past_do_not_fire(text):
    result = assess(text)
    assert not result.danger, text
    assert "classifier" not in result.matched


def test_combine_respects_the_rules_judgement():
    quiet = SafetyAssessment(False)
    words = ["a", "b", "c", "d"]  # long enough for the classifier to judge
    plain = RuleResult(quiet, frozenset(), words, words)
    negated = RuleResult(quiet, frozenset({"negated"}), words, words)
    past = RuleResult(SafetyAssessment(False, past_or_resolved=True), frozenset({"past"}), words)
    between = (THRESHOLD + VETO_THRESHOLD) / 2
    assert not combine(plain, THRESHOLD - 0.01).danger
    assert combine(plain, THRESHOLD).matched == ["classifier"]
    assert combine(plain, between).category == "safety_concern"
    assert not combine(negated, between).danger  # the rules said "not"; only a confident
    assert combine(negated, VETO_THRESHOLD).danger  # classifier may override them
    assert not combine(past, between).danger
    flagged = combine(past, 0.99)
    assert flagged.danger and flagged.past_or_resolved
    # the rules firing is never changed
    fired = RuleResult(SafetyAssessment(True, "self_harm", ["want_to_die"]))
    assert combine(fired, 0.0) == fired.assessment


def test_classifier_alone_needs_enough_words():
    quiet = SafetyAssessment(False)
    short = ["a", "b", "c"]
    assert MIN_CLASSIFIER_WORDS == 4
    assert not combine(RuleResult(quiet, frozenset(), short, short), 1.0).danger
    numbers = ["07700", "900007", "a", "b", "c"]  # numbers do not count as words
    assert not combine(RuleResult(quiet, frozenset(), numbers, numbers), 1.0).danger
    enough = [*short, "d"]
    assert combine(RuleResult(quiet, frozenset(), enough, enough), 1.0).danger


def test_with_the_second_opinion_the_mean_of_the_two_decides():
    quiet = SafetyAssessment(False)
    words = ["a", "b", "c", "d"]
    plain = RuleResult(quiet, frozenset(), words, words)
    negated = RuleResult(quiet, frozenset({"negated"}), words, words)
    # Below THRESHOLD alone, but the second opinion is worried too: an alarm.
    assert combine(plain, THRESHOLD - 0.1, second=0.7).matched == ["classifier"]
    # At THRESHOLD alone the classifier's own alarm stands, whatever the mean (the second
    # opinion sets an alarm aside only when it is sure: SafetyChecker.assess).
    assert combine(plain, THRESHOLD, second=0.2).danger
    # Below THRESHOLD with a calm second opinion: no alarm.
    assert not combine(plain, THRESHOLD - 0.05, second=0.3).danger
    # The classifier must be at least SECOND_OPINION_FROM, however sure the second opinion.
    assert not combine(plain, SECOND_OPINION_FROM - 0.01, second=1.0).danger
    # Without the second opinion (it could not be read), THRESHOLD as before.
    assert combine(plain, THRESHOLD, second=None).danger
    # A rule's explicit judgement still needs VETO_THRESHOLD, whatever the second opinion.
    assert not combine(negated, 0.9, second=1.0).danger
    assert MEAN_THRESHOLD == 0.55
