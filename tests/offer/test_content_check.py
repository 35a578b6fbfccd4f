"""The content check: passes on the real content, explains broken content in plain words."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from bot.offer.checks import check_content
from scripts.content_check import main

ROOT = Path(__file__).resolve().parents[2]


def messages(problems, level="error"):
    return [str(p) for p in problems if p.level == level]


def test_real_content_has_no_errors() -> None:
    assert messages(check_content()) == []


def test_real_content_in_production_fails_only_on_placeholders() -> None:
    errors = messages(check_content(production=True))
    assert errors, "the demo content has placeholders, so production mode must fail"
    assert all("placeholder" in e for e in errors)


def test_command_exit_codes(capsys) -> None:
    assert main([]) == 0
    assert "No errors" in capsys.readouterr().out
    assert main(["--production"]) == 1
    out = capsys.readouterr().out
    assert "council.yml" in out and "navigators.phone" in out and "placeholder" in out


def test_command_runs_as_module() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "scripts.content_check", "--quiet"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_command_on_broken_content(edit, capsys) -> None:
    root = edit("sections/housing.md", "# For young people", "# For kids")
    assert main(["--content-dir", str(root)]) == 1
    out = capsys.readouterr().out
    assert "sections/housing.md" in out
    assert "heading '# For kids': this heading is not one we know" in out


def test_missing_young_person_text(edit) -> None:
    root = edit("sections/housing.md", "# For young people", "# For professionals\n\nx")
    errors = messages(check_content(root))
    assert any(
        "sections/housing.md, young_person_text: the text for young people is missing" in e
        for e in errors
    ), errors


def test_every_real_section_names_its_sources(offer) -> None:
    for section in offer.sections.values():
        assert section.sources and all(s.strip() for s in section.sources), section.id


def test_section_without_sources_is_an_error(content_copy, capsys) -> None:
    path = content_copy / "sections" / "housing.md"
    text = path.read_text(encoding="utf-8")
    start = text.index("sources:\n")
    end = text.index("arrangements:\n", start)
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    errors = messages(check_content(content_copy))
    assert errors == [
        "ERROR: sections/housing.md, sources: this section does not say where its facts come "
        "from. Add a 'sources:' list with one line for each council paper or national source "
        "(a law, the statutory guidance, a GOV.UK page) that the facts in this section rest on, "
        "for example '- Improving Lives Select Commission, 9 June 2026'."
    ]
    assert main(["--content-dir", str(content_copy)]) == 1
    assert "sources: this section does not say where its facts come from" in capsys.readouterr().out


def test_empty_source_line_is_an_error(edit) -> None:
    root = edit("sections/housing.md", "sources:\n", "sources:\n  - ''\n")
    errors = messages(check_content(root))
    assert any("housing.md, sources: one line of the 'sources:' list is empty" in e for e in errors)


def test_missing_arrangement_note(edit) -> None:
    root = edit("sections/housing.md", "  cao: >-\n    Nothing extra for this arrangement.\n", "")
    errors = messages(check_content(root))
    assert any(
        "housing.md, arrangements.cao: the note saying what is available for the 'cao' "
        "arrangement is missing" in e
        for e in errors
    ), errors


def test_unknown_arrangement_key(edit) -> None:
    root = edit("sections/housing.md", "  cao: >-", "  sgo_order: >-\n    x\n  cao: >-")
    errors = messages(check_content(root))
    assert any(
        "arrangements.sgo_order: 'sgo_order' is not an arrangement we know" in e for e in errors
    )


def test_unknown_contact_reference(edit) -> None:
    root = edit(
        "sections/housing.md",
        "contacts: [navigators, housing_options]",
        "contacts: [navigators, housing_team]",
    )
    errors = messages(check_content(root))
    assert any("contacts: 'housing_team' is not a contact in council.yml" in e for e in errors)


def test_glossary_arrangement_reference(edit) -> None:
    root = edit("glossary.yml", "arrangement: sgo", "arrangement: special_guardianship")
    errors = messages(check_content(root))
    assert any(
        "glossary.yml, term 'special guardianship order'.arrangement: 'special_guardianship' "
        "is not an arrangement id" in e
        for e in errors
    ), errors


def test_duplicate_synonym(edit) -> None:
    root = edit("glossary.yml", "synonyms: [FRG,", "synonyms: [SGO, FRG,")
    errors = messages(check_content(root))
    assert any("'SGO' is also listed under 'special guardianship order'" in e for e in errors)


def test_unknown_field_and_bad_date(edit) -> None:
    root = edit("sections/housing.md", "owner: Housing Options", "ownr: Housing Options")
    errors = messages(check_content(root))
    assert (
        "ERROR: sections/housing.md, ownr: is not a field we know (check the spelling, or remove it)"
        in errors
    )
    assert "ERROR: sections/housing.md, owner: is missing" in errors


def test_id_must_match_file_name(edit) -> None:
    root = edit("sections/housing.md", "title: Housing", "id: houses\ntitle: Housing")
    errors = messages(check_content(root))
    assert any("id: the id 'houses' does not match the file name" in e for e in errors)


def test_missing_section_file(content_copy) -> None:
    (content_copy / "sections" / "legal-support.md").unlink()
    errors = messages(check_content(content_copy))
    assert (
        "ERROR: sections/legal-support.md: this section of the offer is missing (every standard section must exist)"
        in errors
    )


def test_new_section_id_is_a_warning(content_copy) -> None:
    source = content_copy / "sections" / "housing.md"
    (content_copy / "sections" / "housing-extra.md").write_text(source.read_text())
    problems = check_content(content_copy)
    assert messages(problems) == []
    assert any(
        "'housing-extra' is not one of the standard section ids" in w
        for w in messages(problems, "warning")
    )


def test_passed_review_date_is_a_warning() -> None:
    problems = check_content(today=dt.date(2030, 1, 1))
    assert messages(problems) == []
    warnings = messages(problems, "warning")
    assert any(
        "sections/housing.md, review_due: this section was due for review on 30 June 2027" in w
        for w in warnings
    )


def test_placeholder_warning_in_development_error_in_production(edit) -> None:
    dev = check_content()
    assert any(
        "navigators.phone: this is still a placeholder" in w for w in messages(dev, "warning")
    )
    prod = check_content(production=True)
    assert any("navigators.phone: this is still a placeholder" in e for e in messages(prod))


def test_no_placeholders_left_passes_production(content_copy) -> None:
    import re

    for path in [content_copy / "council.yml", *(content_copy / "sections").glob("*.md")]:
        text = path.read_text()
        text = re.sub(r",\s*placeholder: true", "", text)
        text = re.sub(r"\n\s*placeholder: true", "", text)
        path.write_text(text)
    assert messages(check_content(content_copy, production=True)) == []


def test_text_over_reading_limit(edit) -> None:
    hard = (
        "Notwithstanding the aforementioned considerations, eligibility determinations "
        "regarding discretionary accommodation prioritisation necessitate comprehensive "
        "multidisciplinary evaluation incorporating socioeconomic circumstances."
    )
    root = edit(
        "sections/housing.md", "If your home is too small,", hard + " If your home is too small,"
    )
    errors = messages(check_content(root))
    assert any(
        "sections/housing.md, young_person_text: the text for young people is too hard to read" in e
        for e in errors
    ), errors


def test_raw_html_is_an_error(edit) -> None:
    root = edit(
        "sections/housing.md",
        "You may need more room.",
        "You may need more room. <script>alert(1)</script>",
    )
    errors = messages(check_content(root))
    assert any("carer_text: HTML tags are not allowed" in e for e in errors)


def test_unsafe_link_is_an_error(edit) -> None:
    root = edit("sections/housing.md", "You may need more room.", "[Click](javascript:alert(1))")
    errors = messages(check_content(root))
    assert any("the link 'javascript:alert(1)' must start with https://" in e for e in errors)


def test_broken_yaml_says_where(edit) -> None:
    root = edit("council.yml", "short_name: Rotherham Council", "short_name: [Rotherham Council")
    errors = messages(check_content(root))
    assert errors and errors[0].startswith("ERROR: council.yml: this file cannot be read near line")


def test_dialogue_missing_key_and_unknown_name(edit) -> None:
    root = edit("dialogue.yml", "  goodbye: >-", "  goodby: >-")
    edit("dialogue.yml", "{area}'s", "{town}'s")
    errors = messages(check_content(root))
    assert (
        "ERROR: dialogue.yml, phrases.goodbye: this phrase is missing (the chat needs it)" in errors
    )
    assert any("phrases.greet: {town} is not a name we can fill in" in e for e in errors)


def test_missing_emergency_contact(edit) -> None:
    root = edit("council.yml", "  childline:\n", "  child_line:\n")
    errors = messages(check_content(root))
    assert (
        "ERROR: council.yml, emergency.childline: this emergency contact is missing; the safety response needs it"
        in errors
    )
