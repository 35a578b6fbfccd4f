"""Where the facts come from: every arrangement in arrangements.yml lists its `sources` (an
error without), and glossary terms may (a warning for a meaning that gives a number without
them). The check explains each in plain words, on a broken copy of the content."""

from __future__ import annotations

import re
from pathlib import Path

from bot.offer.checks import check_content
from scripts.content_check import main


def messages(problems, level="error"):
    return [str(p) for p in problems if p.level == level]


def remove_sources(path: Path, after: str) -> None:
    """Delete the `sources:` list of the entry that starts at `after` in a YAML file."""
    text = path.read_text(encoding="utf-8")
    start = text.index(after)
    found = re.compile(r"(?m)^( +)sources:\n(?:\1 +- .*\n)+").search(text, start)
    assert found, f"no sources after {after!r}"
    path.write_text(text[: found.start()] + text[found.end() :], encoding="utf-8")


def sources_problems(problems):
    return [str(p) for p in problems if p.field.endswith("sources")]


# --- the real content ---------------------------------------------------------------------------


def test_every_real_arrangement_names_its_sources(offer) -> None:
    for item in offer.arrangements.values():
        assert item.sources and all(s.strip() for s in item.sources), item.id


def test_every_glossary_meaning_with_a_number_names_its_sources() -> None:
    assert sources_problems(check_content()) == []


# --- arrangements: an error without sources -----------------------------------------------------


def test_arrangement_without_sources_is_an_error(content_copy, capsys) -> None:
    remove_sources(content_copy / "arrangements.yml", "\n  sgo:\n")
    errors = messages(check_content(content_copy))
    assert errors == [
        "ERROR: arrangements.yml, arrangements.sgo.sources: the arrangement 'Special "
        "guardianship order (SGO)' does not say where its facts come from. Add a 'sources:' list "
        "under it, with one line for each council paper or national source (a law, the "
        "statutory guidance, a GOV.UK page) that the facts rest on, for example '- Improving "
        "Lives Select Commission, 9 June 2026'."
    ]
    assert main(["--content-dir", str(content_copy)]) == 1
    out = capsys.readouterr().out
    assert "arrangements.yml" in out
    assert (
        "arrangements.sgo.sources: the arrangement 'Special guardianship order (SGO)' does not"
        in out
    )


def test_each_arrangement_without_sources_is_named(content_copy) -> None:
    for key in ("informal", "private_fostering"):
        remove_sources(content_copy / "arrangements.yml", f"\n  {key}:\n")
    errors = messages(check_content(content_copy))
    assert [e.split(": the arrangement")[0] for e in errors] == [
        "ERROR: arrangements.yml, arrangements.informal.sources",
        "ERROR: arrangements.yml, arrangements.private_fostering.sources",
    ]


def test_empty_arrangement_source_line_is_an_error(content_copy) -> None:
    path = content_copy / "arrangements.yml"
    text = path.read_text(encoding="utf-8")
    at = text.index("    sources:\n", text.index("\n  cao:\n")) + len("    sources:\n")
    path.write_text(text[:at] + "      - ''\n" + text[at:], encoding="utf-8")
    errors = messages(check_content(content_copy))
    assert errors == [
        "ERROR: arrangements.yml, arrangements.cao.sources: one line of the 'sources:' list is "
        "empty. Name the council paper or national source, or remove the line."
    ]


# --- glossary: a warning for a meaning with a number, nothing for a plain meaning ---------------


def test_glossary_meaning_with_a_number_and_no_sources_is_a_warning(content_copy) -> None:
    remove_sources(content_copy / "glossary.yml", "  - term: Regulation 24\n")
    problems = check_content(content_copy)
    assert messages(problems) == []
    assert sources_problems(problems) == [
        "WARNING: glossary.yml, term 'Regulation 24'.sources: this meaning gives a number (an "
        "amount, an age, a time limit or a date) but does not say where it comes from. Add a "
        "'sources:' list, with one line for each council paper or national source (a law, the "
        "statutory guidance, a GOV.UK page) that the facts rest on, for example '- Improving "
        "Lives Select Commission, 9 June 2026'. Plain meanings without a fact in them need no "
        "source."
    ]
    assert main(["--content-dir", str(content_copy)]) == 0  # a warning: the content can be used


def test_a_phone_number_is_not_a_fact_that_needs_a_source(content_copy) -> None:
    # "Advice line {family_rights_group_phone}": the number comes from council.yml.
    remove_sources(content_copy / "glossary.yml", "  - term: Family Rights Group\n")
    # "under 19" is a fact; the number {childline_phone} is not.
    remove_sources(content_copy / "glossary.yml", "  - term: Childline\n")
    assert [p.split(":")[1].strip() for p in sources_problems(check_content(content_copy))] == [
        "glossary.yml, term 'Childline'.sources"
    ]


def test_plain_meanings_need_no_source(offer) -> None:
    for name in ("respite", "attachment", "grandparent", "parental responsibility"):
        term = offer.term_for(name)
        assert term is not None and term.sources == [], name
    assert sources_problems(check_content()) == []


def test_empty_glossary_source_line_is_an_error(edit) -> None:
    root = edit(
        "glossary.yml",
        "    synonyms: [short break, break from caring, time off caring]\n",
        "    synonyms: [short break, break from caring, time off caring]\n    sources:\n"
        "      - ''\n",
    )
    assert messages(check_content(root)) == [
        "ERROR: glossary.yml, term 'respite'.sources: one line of the 'sources:' list is empty. "
        "Name the council paper or national source, or remove the line."
    ]
