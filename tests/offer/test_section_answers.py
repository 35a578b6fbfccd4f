"""Each section's `answers:` block (short answers to "How do I apply?" and the like): loaded in
order, checked with plain-words problems naming the file, easy to read, and shown on the
section's page under "Questions people ask"."""

from __future__ import annotations

import pytest

from bot.offer.checks import check_content
from bot.offer.loader import ContentError, load_offer
from bot.offer.models import ANSWER_KEYS, REQUIRED_ANSWER_KEYS, SECTION_IDS, Offer
from bot.offer.readability import LIMITS, grade

HOUSING_APPLY = (
    "  how_to_apply: >-\n"
    "    Tell a Kinship Navigator or Housing Options that you need more space. They can refer you to\n"
    "    the Housing Assessment Panel.\n"
)


def set_answers(content, section_id: str, block: str):
    """The content copy with the section's `answers:` block replaced by `block`."""
    path = content / "sections" / f"{section_id}.md"
    text = path.read_text(encoding="utf-8")
    start = text.index("answers:\n")
    end = text.index("\n---\n", start)
    path.write_text(text[:start] + block + text[end + 1 :], encoding="utf-8")
    return content


def errors(problems) -> list[str]:
    return [str(p) for p in problems if p.level == "error"]


@pytest.mark.parametrize("section_id", SECTION_IDS)
def test_every_section_answers_the_three_questions(offer: Offer, section_id: str) -> None:
    answers = offer.sections[section_id].answers
    assert set(REQUIRED_ANSWER_KEYS) <= set(answers)
    assert list(answers) == [k for k in ANSWER_KEYS if k in answers]  # in the order shown
    for text in answers.values():
        assert text.strip() and grade(text) <= LIMITS["carer"][0]


def test_answers_say_only_what_the_offer_says(offer: Offer) -> None:
    # Amounts appear in an answer only where the section itself gives them.
    for section in offer.sections.values():
        own = " ".join(
            [
                section.carer_text,
                section.professional_text,
                section.how_to_get_it,
                *section.arrangements.values(),
            ]
        )
        for text in section.answers.values():
            for amount in [w.strip(".,()") for w in text.split() if w.startswith("£")]:
                assert amount in own, f"{section.id}: {amount} is not in the section"
    # Where the offer says nothing, nothing is written (the assistant says so instead).
    assert "what_happens_next" not in offer.sections["financial-support"].answers
    assert "how_much" not in offer.sections["housing"].answers


def test_an_unknown_question_is_named_with_the_ones_we_know(edit) -> None:
    content = edit("sections/housing.md", "  how_to_apply: >-", "  how_to_aply: >-")
    with pytest.raises(ContentError) as caught:
        load_offer(content)
    text = "\n".join(caught.value.problems)
    assert (
        "sections/housing.md, answers.how_to_aply: 'how_to_aply' is not a question we know" in text
    )
    assert "how_to_apply, who_to_contact, who_can_get_it, how_much or what_happens_next" in text
    # ... and the required one it replaced is missing.
    assert "sections/housing.md, answers.how_to_apply: the answer 'how_to_apply' is missing" in text


def test_an_empty_answer_says_what_to_do(content_copy) -> None:
    content = set_answers(
        content_copy,
        "housing",
        "answers:\n  how_to_apply: Ask.\n  who_to_contact: Ask.\n  who_can_get_it: Anyone.\n"
        "  how_much:\n  what_happens_next: ''\n",
    )
    problems = errors(check_content(content))
    found = [p for p in problems if "answers.what_happens_next" in p]
    assert found and "this answer is empty" in found[0]
    assert "delete the line if the offer does not say" in found[0]
    assert any("answers.how_much: this answer is empty" in p for p in problems)


def test_an_empty_required_answer_is_an_error(edit) -> None:
    content = edit("sections/housing.md", HOUSING_APPLY, "  how_to_apply: ''\n")
    problems = errors(check_content(content))
    assert any(
        p.startswith(
            "ERROR: sections/housing.md, answers.how_to_apply: this answer is empty. "
            "Every section needs this answer"
        )
        for p in problems
    ), problems


def test_a_missing_required_answer_is_an_error(edit) -> None:
    content = edit("sections/housing.md", HOUSING_APPLY, "")
    problems = errors(check_content(content))
    assert (
        "ERROR: sections/housing.md, answers.how_to_apply: the answer 'how_to_apply' is missing. "
        "Every section needs how_to_apply, who_to_contact and who_can_get_it under 'answers:'"
    ) in problems


def test_a_section_without_answers_is_told_how_to_add_them(content_copy) -> None:
    problems = errors(check_content(set_answers(content_copy, "family-time", "")))
    assert any(
        p.startswith("ERROR: sections/family-time.md, answers: the short answers to the questions")
        and "how_to_apply, who_to_contact and who_can_get_it" in p
        for p in problems
    ), problems


def test_answers_must_be_a_block_of_lines(edit) -> None:
    content = edit("sections/housing.md", "answers:\n", "answers: Ask a Navigator.\nold_answers:\n")
    problems = errors(check_content(content))
    assert any(
        "sections/housing.md, answers: should be a set of 'question: answer'" in p for p in problems
    ), problems


def test_a_hard_answer_fails_the_reading_check(edit) -> None:
    hard = (
        "  how_to_apply: >-\n    Notwithstanding comprehensive multidisciplinary considerations, "
        "applications necessitate preliminary authorisation by designated representatives of "
        "the appropriate organisational infrastructure.\n"
    )
    content = edit("sections/housing.md", HOUSING_APPLY, hard)
    problems = errors(check_content(content))
    assert any(
        p.startswith("ERROR: sections/housing.md, answers.how_to_apply: this answer is too hard")
        for p in problems
    ), problems


def test_html_and_phone_numbers_in_an_answer_are_errors(edit) -> None:
    edit(
        "sections/housing.md",
        "    the Housing Assessment Panel.\n",
        "    the <b>Housing Assessment Panel</b>.\n",
    )
    content = edit(
        "sections/housing.md",
        "  who_to_contact: >-\n",
        "  who_to_contact: >-\n    Ring 0808 800 5000.\n",
    )
    problems = errors(check_content(content))
    assert any(
        "sections/housing.md, answers.how_to_apply: HTML tags are not allowed" in p
        for p in problems
    ), problems
    assert any("sections/housing.md" in p and "{nspcc_phone}" in p for p in problems), problems


def test_names_in_braces_are_filled_in(edit) -> None:
    content = edit(
        "sections/legal-support.md",
        "  how_to_apply: >-\n",
        "  how_to_apply: >-\n    Call {family_rights_group_phone} for free advice.\n",
    )
    answer = load_offer(content).sections["legal-support"].answers["how_to_apply"]
    assert answer.startswith("Call 0808 801 0366 for free advice.")


def test_the_api_gives_the_answers(client, offer: Offer) -> None:
    data = client.get("/api/offer/sections/housing").json()
    assert data["answers"] == offer.sections["housing"].answers


def test_the_section_page_lists_the_questions_people_ask(client, offer: Offer) -> None:
    html = client.get("/offer/financial-support").text
    assert '<h2 id="questions">Questions people ask</h2>' in html
    for key in offer.sections["financial-support"].answers:
        assert f"<h3>{offer.dialogue[f'follow_up_question_{key}']}</h3>" in html
    assert "Rotherham uses the Department for" in html  # the section's text is still there
    assert "What happens next?" not in html  # the offer does not say: no empty question
    # Under the section's own text and how to get it, before who to contact.
    assert html.index('id="how-to-get-it"') < html.index('id="questions"')
    assert html.index('id="questions"') < html.index('id="contacts"')


def test_the_offer_summary_and_leaflet_pages_are_unchanged(client) -> None:
    for url in ("/offer", "/offer/leaflet"):
        html = client.get(url).text
        assert "Questions people ask" not in html
        assert "follow_up" not in html
