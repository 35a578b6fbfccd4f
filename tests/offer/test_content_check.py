"""The content check: passes on the real content, explains broken content in plain words."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from bot.offer.checks import check_content
from scripts.content_check import main
from tests.content_packs import edit_council

ROOT = Path(__file__).resolve().parents[2]


def messages(problems, level="error"):
    return [str(p) for p in problems if p.level == level]


def test_real_content_has_no_errors() -> None:
    assert messages(check_content()) == []


def test_content_in_use_in_production_fails_only_on_placeholders() -> None:
    assert all("placeholder" in e for e in messages(check_content(production=True)))


def test_demo_values_fail_production_mode_and_only_they(demo_pack) -> None:
    errors = messages(check_content(demo_pack, production=True))
    assert errors, "demo values (placeholders) are there, so production mode must fail"
    assert all("placeholder" in e for e in errors)


def test_command_exit_codes(capsys, demo_pack) -> None:
    assert main([]) == 0
    assert "No errors" in capsys.readouterr().out
    assert main(["--content-dir", str(demo_pack)]) == 0
    capsys.readouterr()
    assert main(["--content-dir", str(demo_pack), "--production"]) == 1
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


def test_placeholder_warning_in_development_error_in_production(demo_pack) -> None:
    dev = check_content(demo_pack)
    assert any(
        "navigators.phone: this is still a placeholder" in w for w in messages(dev, "warning")
    )
    prod = check_content(demo_pack, production=True)
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


# --------------------------------------------------------------------------- safety numbers


def _cut(root: Path, relative: str, start: str, end: str) -> Path:
    """Remove the text from `start` up to (not including) `end` in a file of the copy."""
    path = root / relative
    text = path.read_text(encoding="utf-8")
    begin = text.index(start)
    path.write_text(text[:begin] + text[text.index(end, begin) :], encoding="utf-8")
    return root


def test_missing_front_door_is_an_error_in_production_only(content_copy) -> None:
    root = _cut(content_copy, "council.yml", "  front_door:\n", "  emergency_duty_team:\n")
    expected = (
        "council.yml, emergency.front_door: the phone number of children's social care (the "
        "front door, in office hours) is missing. The safety reply gives it to anyone worried "
        "about a child; without it, the reply can only say the number is on the council website."
    )
    dev = check_content(root)
    assert not any("front_door" in e for e in messages(dev))
    assert any(expected in w for w in messages(dev, "warning"))
    prod = messages(check_content(root, production=True))
    assert any(expected in e and "needed before going live" in e for e in prod), prod


def test_missing_out_of_hours_team_is_an_error_in_production(content_copy) -> None:
    root = _cut(content_copy, "council.yml", "  emergency_duty_team:\n", "  nspcc:\n")
    expected = (
        "council.yml, emergency.emergency_duty_team: the phone number of the out-of-hours team "
        "(emergency duty team) is missing"
    )
    assert any(expected in w for w in messages(check_content(root), "warning"))
    errors = messages(check_content(root, production=True))
    assert any(expected in e for e in errors), errors


def test_out_of_hours_team_without_a_phone_is_an_error(content_copy) -> None:
    root = edit_council(content_copy, lambda c: c["emergency"]["emergency_duty_team"].pop("phone"))
    for production in (False, True):
        assert (
            "ERROR: council.yml, emergency.emergency_duty_team.phone: every emergency contact "
            "needs a phone number" in messages(check_content(root, production=production))
        )


def test_placeholder_safety_numbers_explained_in_production(demo_pack) -> None:
    errors = messages(check_content(demo_pack, production=True))
    for key in ("front_door", "emergency_duty_team"):
        mine = [e for e in errors if f"emergency.{key}.phone" in e]
        assert len(mine) == 1, mine  # one message, not the generic one as well
        assert "is still a placeholder, not the real number" in mine[0]
        assert "says the number is on the council website instead" in mine[0]


def test_real_safety_numbers_pass(content_copy) -> None:
    path = content_copy / "council.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('{value: "01709 000001", placeholder: true}', '"01632 960001"')
    text = text.replace('{value: "01709 000002", placeholder: true}', '"01632 960002"')
    path.write_text(text, encoding="utf-8")
    problems = check_content(content_copy, production=True)
    assert not any(
        ".phone" in p.field and ("front_door" in p.field or "duty_team" in p.field)
        for p in problems
    )


def test_front_door_hours_are_needed_for_open_now(content_copy) -> None:
    root = edit_council(content_copy, lambda c: c["emergency"]["front_door"].pop("hours"))
    expected = "emergency.front_door.hours: the opening hours of children's social care are missing"
    assert any(expected in w for w in messages(check_content(root), "warning"))
    errors = messages(check_content(root, production=True))
    assert any(expected in e for e in errors), errors


def test_environment_production_means_production_mode(monkeypatch, capsys, demo_pack) -> None:
    monkeypatch.setenv("ENVIRONMENT", "production")
    assert main(["--content-dir", str(demo_pack)]) == 1
    out = capsys.readouterr().out
    assert "(production mode)" in out and "emergency.front_door.phone" in out
    monkeypatch.setenv("ENVIRONMENT", "test")
    assert main(["--content-dir", str(demo_pack)]) == 0


def test_environment_from_dot_env(tmp_path, monkeypatch, capsys, demo_pack) -> None:
    monkeypatch.delenv("ENVIRONMENT", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("ENVIRONMENT=production\n", encoding="utf-8")
    assert main(["--content-dir", str(demo_pack)]) == 1
    assert "(production mode)" in capsys.readouterr().out


# --------------------------------------------------------------------------- phone numbers


def test_real_content_writes_no_phone_number_outside_council_yml(offer) -> None:
    problems = check_content()
    assert not any("phone number '" in str(p) for p in problems)
    # ... yet the helplines are still shown, filled in from council.yml.
    assert "0800 1111" in offer.term_for("childline").meaning
    assert "0800 1111" in offer.term_for("childline").young_person_meaning
    assert "0808 800 5000" in offer.term_for("nspcc").meaning
    assert "0808 801 0366" in offer.term_for("family rights group").meaning
    assert "0800 1111" in offer.dialogue["young_person_welcome"]
    assert "0800 1111" in offer.dialogue["handoff_young_person"]
    assert "0800 1111" in offer.sections["health-and-wellbeing"].young_person_text


def test_national_number_in_a_section_is_an_error(edit) -> None:
    root = edit(
        "sections/housing.md",
        "You may need more room.",
        "You may need more room. Shelter's helpline is 0808 800 4444.",
    )
    errors = messages(check_content(root))
    assert any(
        e.startswith("ERROR: sections/housing.md, line ")
        and "the phone number '0808 800 4444' is written here. Every phone number lives in "
        "council.yml only"
        in e
        and "add it to council.yml as a contact" in e
        for e in errors
    ), errors


def test_known_number_in_the_glossary_says_which_name_to_use(edit) -> None:
    root = edit("glossary.yml", "Phone {childline_phone}.", "Phone 0800 1111.")
    errors = messages(check_content(root))
    assert (
        "ERROR: glossary.yml, term 'Childline'.meaning: the phone number '0800 1111' is written "
        "here. Every phone number lives in council.yml only, so there is one place to check and "
        "change it: write {childline_phone} instead (it is filled in from council.yml). (999, "
        "111 and 101, and Ofcom's drama numbers such as 07700 900123 as examples, may be written "
        "as they are.)"
    ) in errors


def test_numbers_in_dialogue_young_people_and_arrangements_are_errors(content_copy) -> None:
    for relative, old, new in (
        ("dialogue.yml", "Childline on\n    {childline_phone}.", "Childline on\n    0800 1111."),
        ("young_people.yml", "questions:\n", "questions:\n"),
        ("arrangements.yml", "arrangements:\n", "arrangements:\n"),
    ):
        path = content_copy / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, (relative, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    young = content_copy / "young_people.yml"
    text = young.read_text(encoding="utf-8")
    young.write_text(
        text.replace("who_to_talk_to: >-\n", "who_to_talk_to: >-\n      Ring 116 123.\n", 1),
        encoding="utf-8",
    )
    arrangements = content_copy / "arrangements.yml"
    text = arrangements.read_text(encoding="utf-8")
    arrangements.write_text(
        text.replace("description: >-\n", "description: >-\n      Call +44 808 801 0366.\n", 1),
        encoding="utf-8",
    )
    errors = [e for e in messages(check_content(content_copy)) if "phone number '" in e]
    assert any(e.startswith("ERROR: dialogue.yml, phrases.young_person_welcome:") for e in errors)
    assert any("young_people.yml, questions." in e and "'116 123'" in e for e in errors), errors
    assert any(
        "arrangements.yml, arrangements." in e
        and "'+44 808 801 0366'" in e
        and "{family_rights_group_phone}" in e
        for e in errors
    ), errors


def test_999_drama_numbers_dates_and_ages_are_not_phone_numbers(edit) -> None:
    root = edit(
        "sections/housing.md",
        "You may need more room.",
        "You may need more room. Call 999, 111 or 101. For example 07700 900123 or "
        "01632 960123. Ages 0-19, from 2026-06-30, 08:30-17:00, £1,000.",
    )
    assert not any("phone number '" in e for e in messages(check_content(root)))


def test_unknown_name_in_a_glossary_text(edit) -> None:
    root = edit("glossary.yml", "Phone {childline_phone}.", "Phone {childlines_phone}.")
    errors = messages(check_content(root))
    assert any(
        "glossary.yml, term 'Childline'.meaning: {childlines_phone} is not a name we can fill in"
        in e
        for e in errors
    ), errors


# --------------------------------------------------------------------------- contact promise


def test_contact_promise_placeholder_is_flagged(content_copy) -> None:
    # As in the demo content: the promise not agreed yet.
    edit_council(content_copy, lambda c: c["navigator_contact_promise"].update(placeholder=True))
    warnings = messages(check_content(content_copy), "warning")
    assert any(
        "council.yml, navigator_contact_promise: how soon a Kinship Navigator will make contact "
        "is still a placeholder, so the assistant promises no day" in w
        for w in warnings
    ), warnings
    errors = messages(check_content(content_copy, production=True))
    assert any("navigator_contact_promise" in e and "before going live" in e for e in errors)


def test_contact_promise_must_be_a_sensible_number(edit) -> None:
    root = edit("council.yml", "  working_days: 1\n", "  working_days: 0\n")
    errors = messages(check_content(root))
    assert (
        "ERROR: council.yml, navigator_contact_promise.working_days: should be a number of "
        "working days from 1 to 20" in errors
    ), errors


# --------------------------------------------------------------------------- retention periods


def test_every_retention_period_is_known(content_copy) -> None:
    assert not any("retention_days" in e for e in messages(check_content(content_copy)))


def test_a_retention_period_that_is_not_a_number_of_days(edit) -> None:
    root = edit("council.yml", "  audit: 2190\n", "  audit: six years\n")
    errors = messages(check_content(root))
    assert "ERROR: council.yml, retention_days.audit: should be a whole number" in errors, errors


def test_a_retention_period_of_no_days(edit) -> None:
    root = edit("council.yml", "  audit: 2190\n", "  audit: 0\n")
    errors = messages(check_content(root))
    assert (
        "ERROR: council.yml, retention_days: the retention period for 'audit' must be at least "
        "1 day" in errors
    ), errors


def test_a_missing_retention_period_says_what_it_covers(edit) -> None:
    root = edit("council.yml", "  audit: 2190\n", "")
    errors = messages(check_content(root))
    assert (
        "ERROR: council.yml, retention_days: a retention period for 'audit' (the staff audit "
        "log, and the accounts of staff who have left) is missing" in errors
    ), errors


def test_an_unknown_retention_period(edit) -> None:
    root = edit("council.yml", "  audit: 2190\n", "  audit: 2190\n  backups: 30\n")
    errors = messages(check_content(root))
    assert (
        "ERROR: council.yml, retention_days: 'backups' is not a retention period we know, so "
        "nothing would be deleted after it; use transcripts, enquiries, analytics, audit" in errors
    ), errors


def test_the_privacy_notice_may_name_every_retention_period(edit) -> None:
    root = edit("council.yml", "{analytics_days} days to make", "{audit_days} days to make")
    assert messages(check_content(root)) == []
    root = edit("council.yml", "{audit_days} days to make", "{audits_days} days to make")
    errors = messages(check_content(root))
    assert any(
        "{audits_days} cannot be filled in; use {transcripts_days}, {enquiries_days}, "
        "{analytics_days}, {audit_days}" in e
        for e in errors
    ), errors
