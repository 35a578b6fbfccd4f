"""The safety rules are data (bot/safety/patterns/): every rule file loads, every pattern compiles
into a spaCy Matcher, every check, set and word list a rule or check names exists and is used,
and a broken file stops start-up with the file, the rule and the problem in plain words
(bot/safety/rules.py, `load`)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import spacy
import yaml
from spacy.matcher import Matcher

from bot.safety import checks, rules
from bot.safety.rules import BOOK, PATTERNS_DIR, RulesFileError, compile_pattern, load

RULE_FILES = sorted((PATTERNS_DIR / "rules").glob("*.yaml"))


def _set_names(pattern: str) -> set[str]:
    return set(re.findall(r"[$%]([A-Z][A-Z_]*)", pattern))


def test_there_are_rule_files_and_rules_py_is_only_their_loader():
    assert len(RULE_FILES) >= 5
    assert len(rules.RULES) >= 90
    assert len(Path(rules.__file__).read_text(encoding="utf-8").splitlines()) < 400


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_every_rule_of_the_file_compiles_and_its_names_resolve(path):
    nodes = yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]
    assert nodes, f"{path.name} holds no rules"
    nlp = spacy.blank("en")
    for node in nodes:
        assert node["category"] in BOOK.categories, node["name"]
        if "check" in node:
            assert node["check"] in checks.CHECKS, node["name"]
        matcher = Matcher(nlp.vocab, validate=True)
        for pattern in node["patterns"]:
            for name in _set_names(pattern):
                assert name in BOOK.sets, f"{node['name']}: {pattern}"
            matcher.add(node["name"], compile_pattern(pattern))  # spaCy checks each token


def test_rule_names_are_unique_and_every_rule_of_the_files_is_loaded():
    names = [n["name"] for p in RULE_FILES for n in yaml.safe_load(p.read_text())["rules"]]
    assert len(names) == len(set(names))
    assert names == [rule.name for rule in rules.RULES]


def test_every_set_check_and_word_list_is_used():
    patterns = [p for rule in rules.RULES for p in rule.patterns]
    patterns += [a for alts in BOOK.macros.values() for a in alts]
    named = {name for p in patterns for name in _set_names(p)} | {"ONLINE"}  # ONLINE: `grooming`
    assert set(BOOK.sets) <= named, f"sets no pattern names: {set(BOOK.sets) - named}"
    used = {rule.check_name for rule in rules.RULES}
    assert set(checks.CHECKS) <= used, f"checks no rule names: {set(checks.CHECKS) - used}"
    assert set(BOOK.words) == set(checks.WORD_LISTS)
    source = Path(checks.__file__).read_text(encoding="utf-8")
    for name in checks.WORD_LISTS:
        assert f'W["{name}"]' in source or f'words["{name}"]' in source, name


def test_the_engine_reads_the_categories_of_the_data_file():
    from bot.safety.engine import CATEGORY_PRIORITY

    data = yaml.safe_load((PATTERNS_DIR / "categories.yaml").read_text(encoding="utf-8"))
    assert CATEGORY_PRIORITY == tuple(data["categories"])


# ---- A broken file: the error names the file, the rule and the problem.


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "patterns"
    shutil.copytree(PATTERNS_DIR, target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _error(patterns: Path) -> str:
    with pytest.raises(RulesFileError) as caught:
        load(patterns)
    return str(caught.value)


def test_the_copy_of_the_files_loads_like_the_originals(tmp_path):
    assert load(_copy(tmp_path)).rules == rules.RULES


def test_an_unknown_check_is_named(tmp_path):
    patterns = _copy(tmp_path)
    _edit(patterns / "rules" / "self_harm.yaml", "check: end_it\n", "check: end_itt\n")
    message = _error(patterns)
    assert "self_harm.yaml" in message and "rule `end_it`" in message
    assert "check `end_itt` is not a check" in message


def test_an_unknown_set_is_named(tmp_path):
    patterns = _copy(tmp_path)
    _edit(
        patterns / "rules" / "self_harm.yaml",
        "%SELFHARM_VERB $REFLEXIVE",
        "%SELFHARM_VERB $REFLEXIV",
    )
    message = _error(patterns)
    assert "self_harm.yaml" in message and "rule `self_harm_reflexive`" in message
    assert "there is no set REFLEXIV in sets.yaml" in message


def test_an_unknown_category_is_named(tmp_path):
    patterns = _copy(tmp_path)
    _edit(patterns / "rules" / "medical.yaml", "category: medical_emergency", "category: medical")
    message = _error(patterns)
    assert "medical.yaml" in message and "category 'medical' is not in categories.yaml" in message


@pytest.mark.parametrize(
    "bad, says",
    [
        ("x:end|ending w:it", "not in the notation"),
        ("w:end||ending w:it", "with nothing empty"),
        ("w:end|ending re:(it", "the regular expression is broken"),
        ("w:end|ending $it", "write $SET"),
        ("w:end|ending OBJ{0,2}", "not in the notation"),
    ],
)
def test_bad_pattern_notation_is_named(tmp_path, bad, says):
    patterns = _copy(tmp_path)
    _edit(
        patterns / "rules" / "self_harm.yaml", "      - w:end|ending w:it\n", f"      - '{bad}'\n"
    )
    message = _error(patterns)
    assert "self_harm.yaml" in message and "rule `end_it`" in message
    assert f'pattern "{bad}"' in message and says in message


def test_an_unknown_flag_or_key_is_named(tmp_path):
    patterns = _copy(tmp_path)
    _edit(patterns / "rules" / "self_harm.yaml", "flags: [nominal]", "flags: [nominl]")
    assert "flags ['nominl'] should be a list of neg_inside, nominal, harm" in _error(patterns)
    patterns = _copy(tmp_path / "again")
    _edit(patterns / "rules" / "self_harm.yaml", "    check: end_it\n", "    chek: end_it\n")
    assert "rule `end_it`: unknown key ['chek']" in _error(patterns)


def test_a_rule_twice_is_named(tmp_path):
    patterns = _copy(tmp_path)
    _edit(patterns / "rules" / "medical.yaml", "name: bleeding", "name: end_it")
    message = _error(patterns)
    assert "rule `end_it` is also in" in message


def test_a_word_list_the_checks_read_is_missing(tmp_path):
    patterns = _copy(tmp_path)
    _edit(patterns / "check_words.yaml", "  legal: [", "  legals: [")
    message = _error(patterns)
    assert "check_words.yaml" in message and "has no list legal" in message


def test_a_word_set_that_is_not_one_word_is_named(tmp_path):
    patterns = _copy(tmp_path)
    _edit(patterns / "sets.yaml", "  FEAR: [scared,", '  FEAR: ["very scared",')
    message = _error(patterns)
    assert "sets.yaml" in message and "set FEAR: 'very scared' is not one word" in message


def test_an_unknown_lexicon_set_is_named(tmp_path):
    patterns = _copy(tmp_path)
    _edit(patterns / "sets.yaml", "{lexicon: CHILD}", "{lexicon: CHILDREN}")
    assert "set CHILD: `lexicon: CHILDREN` is no set in lexicon.py" in _error(patterns)


def test_a_rule_the_engine_names_is_missing(tmp_path):
    patterns = _copy(tmp_path)
    _edit(patterns / "rules" / "violence_abuse.yaml", "name: harm_passive", "name: passive")
    assert "has no rule `harm_passive`: engine.py names it" in _error(patterns)


def test_the_context_words_are_data_and_a_broken_line_is_named(tmp_path):
    # every entry the engine reads is there, and each matches what its `means` says
    assert rules.CONTEXT["past"].search("he used to hit her years ago")
    assert rules.CONTEXT["resolved"].search("he is in prison now")
    assert not rules.CONTEXT["past"].search("he is hitting her now")
    patterns = _copy(tmp_path)
    _edit(patterns / "context.yaml", "    - '\\bused to\\b'\n", "    - '\\bused (to\\b'\n")
    assert "context.yaml: entry past: '\\bused (to\\b' is not a regular expression" in _error(
        patterns
    )
    patterns = _copy(tmp_path / "again")
    _edit(patterns / "context.yaml", "still_going:", "still_goes:")
    assert "has no entry still_going: engine.py reads it" in _error(patterns)


def test_invalid_yaml_and_a_missing_file_are_named(tmp_path):
    patterns = _copy(tmp_path)
    _edit(patterns / "rules" / "medical.yaml", "rules:\n", "rules: [\n")
    message = _error(patterns)
    assert "medical.yaml is not valid YAML at line" in message
    patterns = _copy(tmp_path / "again")
    (patterns / "categories.yaml").unlink()
    assert "categories.yaml is missing" in _error(patterns)


# A pattern whose last word is optional also matches without it, so the words before it must be
# danger on their own: "tired of being alive?" matched "I'm tired of being strong for everyone",
# "out of his head?" matched "out of his depth" (development sets 11 and 12). These end in an
# optional word on purpose: what comes before it says enough by itself.
OPTIONAL_LAST_WORD_ON_PURPOSE = {
    "w:by w:himself|herself|themselves|themself w:while|since|all|overnight|at w:night?",
    "l:want|need w:it|everything w:all? w:to w:stop|end w:forever|now|permanently?",
}


def test_no_pattern_ends_in_an_optional_word_by_mistake():
    ending_optional = set()
    for path in RULE_FILES:
        for rule in yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]:
            for pattern in rule["patterns"]:
                if pattern.split()[-1].endswith("?"):
                    ending_optional.add(pattern)
    assert ending_optional == OPTIONAL_LAST_WORD_ON_PURPOSE


@pytest.mark.parametrize(
    ("text", "everyday"),
    [
        ("the toddler bit a boy at playgroup", True),
        ("she slams her bedroom door every night", True),
        ("he is on his xbox till 1am", True),
        ("grandad is on the phone to the police now", False),
        ("she swallowed a dishwasher tablet", False),
    ],
)
def test_everyday_behaviour_is_data(text, everyday):
    assert bool(rules.CONTEXT["everyday"].search(text)) is everyday


def test_a_list_given_twice_is_named_not_silently_replaced(tmp_path):
    patterns = _copy(tmp_path)
    _edit(
        patterns / "check_words.yaml",
        "  whereabouts_things:",
        "  pets: [cat]\n  whereabouts_things:",
    )
    message = _error(patterns)
    assert "check_words.yaml" in message and "'pets' is given twice" in message
