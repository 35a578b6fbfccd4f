"""The rules file for who is writing (bot/understanding/rules/audience.yaml): each rule's example
matches it, each list is used, and a missing or broken file stops start-up with the problem in plain
words (bot/understanding/audience_rules.py, `load_rules`)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from spacy.matcher import Matcher

from bot.understanding import audience_rules
from bot.understanding.audience_rules import RULES, RULES_FILE, RulesFileError, detect, load_rules

ROOT = Path(__file__).resolve().parents[2]
DATA = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))


def test_the_rules_file_lives_outside_the_labelled_training_sets():
    assert RULES_FILE == ROOT / "bot" / "understanding" / "rules" / "audience.yaml"
    assert not list((ROOT / "bot" / "understanding" / "data" / "audience").glob("audience.yaml"))


@pytest.mark.parametrize("node", DATA["rules"], ids=lambda node: node["cue"])
def test_each_rule_example_is_read_as_its_cue(node):
    assert node["cue"] in detect(node["example"]).cues


@pytest.mark.parametrize("rule, list_name, frames", RULES.phrase_rules, ids=lambda x: str(x)[:20])
def test_each_phrase_rule_example_matches_a_phrase_in_its_frames(rule, list_name, frames):
    nlp, _ = audience_rules._pipeline()
    matcher = Matcher(nlp.vocab)
    phrases = [p for p in RULES.lists[list_name] if " " in p]
    matcher.add(rule.key, [audience_rules._tokens(f, p) for p in phrases for f in frames])
    (node,) = [n for n in DATA["phrase_rules"] if n["cue"] == rule.cue]
    assert matcher(audience_rules._doc(node["example"]))


@pytest.mark.parametrize("name", DATA["lists"])
def test_each_list_is_used_and_its_example_holds_one_of_its_words(name):
    patterns = [p for rule in RULES.rules for p in rule.patterns]
    named = {n for p in patterns for group in _braces(p) for n in group.split("|")}
    named |= {n for _, n, _ in RULES.phrase_rules} | set(DATA["me_as_my"]["lists"])
    named |= {"POINTING_BACK", "ROLE"} | {
        node["from"] for node in DATA["lists"].values() if "from" in node
    }
    assert name in named, f"list {name} is not used by any pattern"
    words = audience_rules._fold(DATA["lists"][name]["example"])
    entries = [[audience_rules._pattern_word(w) for w in e.split()] for e in RULES.lists[name]]
    found = [
        e
        for e in entries
        for i in range(len(words))
        if words[i : i + len(e)] == e or (len(e) == 1 and words[i] == e[0] + "s")
    ]
    assert found, f"the example of list {name} holds none of its words"


def _braces(pattern: str) -> list[str]:
    return re.findall(r"\{([^{}]*)\}", pattern)


# ---- A broken file: the error names the file and the problem.


def _broken(tmp_path: Path, change) -> Path:
    data = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "audience.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _rule(data: dict, cue: str) -> dict:
    return next(node for node in data["rules"] if node["cue"] == cue)


def test_the_shipped_file_loads_as_the_module_has_it():
    assert load_rules() == RULES


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(RulesFileError, match=r"audience\.yaml is missing"):
        load_rules(tmp_path / "audience.yaml")


def test_a_file_that_is_not_yaml_gives_the_line(tmp_path):
    path = tmp_path / "audience.yaml"
    path.write_text("fold:\n  means: [unclosed\nlists: {}\n", encoding="utf-8")
    with pytest.raises(RulesFileError, match=r"audience\.yaml is not valid YAML at line \d+"):
        load_rules(path)


@pytest.mark.parametrize(
    "change, problem",
    [
        (lambda d: d.pop("lists"), "the file has no `lists`"),
        (lambda d: d.update(rules="oops"), "`rules` should be a list of mappings"),
        (
            lambda d: _rule(d, "yp_contact")["patterns"].append("can i see my {KINN}"),
            "rule `yp_contact`: pattern \"can i see my {KINN}\" names {'KINN'}: not in `lists`",
        ),
        (
            lambda d: _rule(d, "yp_contact").update(audience="grandparent"),
            "rule `yp_contact`: `audience` should be one of",
        ),
        (
            lambda d: _rule(d, "yp_contact").update(weight="three"),
            "rule `yp_contact`: `weight` should be a number, not 'three'",
        ),
        (lambda d: _rule(d, "yp_contact").pop("example"), "rule `yp_contact` has no `example`"),
        (
            lambda d: _rule(d, "yp_hint")["patterns"].append(7),
            "rule `yp_hint`: `patterns` should be a list of texts",
        ),
        (
            lambda d: d.update(rules=[r for r in d["rules"] if r["cue"] != "pro_role"]),
            "needs the rule `pro_role`",
        ),
        (lambda d: d["rules"].append(d["rules"][0]), "rule `yp_kin_looks_after_me` comes twice"),
        (
            lambda d: d["fold"]["words"]["with"].append("cos"),
            '`fold`: "cos" is under both "with" and "because"',
        ),
        (
            lambda d: d["phrase_rules"][0]["patterns"].append("i be a"),
            'phrase rule `pro_role`: pattern "i be a" should hold [ROLE] once',
        ),
        (lambda d: d["checks"].pop("team_end"), "`checks` has no `team_end`"),
        (lambda d: d["lists"].pop("POINTING_BACK"), "`lists` has no POINTING_BACK"),
        (
            lambda d: d["checks"]["carer_own_cues"]["words"].append("carer_nope"),
            "names rules `rules` does not have",
        ),
    ],
)
def test_a_broken_file_names_the_problem(tmp_path, change, problem):
    with pytest.raises(RulesFileError) as error:
        load_rules(_broken(tmp_path, change))
    assert str(error.value).startswith(str(tmp_path / "audience.yaml") + ": ")
    assert problem in str(error.value)


def test_start_up_stops_on_a_missing_rules_file(tmp_path):
    """The action server imports the module at start-up: without its file it stops, saying so."""
    package = tmp_path / "bot" / "understanding"
    package.mkdir(parents=True)
    (tmp_path / "bot" / "__init__.py").touch()
    (package / "__init__.py").touch()
    shutil.copy(ROOT / "bot" / "understanding" / "audience_rules.py", package)
    run = subprocess.run(
        [sys.executable, "-c", "import bot.understanding.audience_rules"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode != 0
    assert "RulesFileError: bot/understanding/rules/audience.yaml is missing" in run.stderr
