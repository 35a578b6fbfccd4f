"""The offer is complete and faithful to the council papers in shared/seeds/."""

from __future__ import annotations

import re
import statistics

import pytest

from bot.offer.models import ARRANGEMENT_NOTE_KEYS, SECTION_IDS, Offer
from bot.offer.readability import LIMITS, grade


@pytest.mark.parametrize("section_id", SECTION_IDS)
def test_every_section_is_complete(offer: Offer, section_id: str) -> None:
    section = offer.sections[section_id]
    assert section.title and section.summary
    assert section.carer_text.strip() and section.young_person_text.strip()
    for key in ARRANGEMENT_NOTE_KEYS:
        assert section.arrangements[key].strip(), key
    assert section.owner
    assert section.review_due > section.last_reviewed
    assert section.how_to_get_it and section.keywords


@pytest.mark.parametrize("section_id", SECTION_IDS)
def test_reading_level_per_section(offer: Offer, section_id: str) -> None:
    section = offer.sections[section_id]
    assert grade(section.carer_text) <= LIMITS["carer"][0]
    assert grade(section.young_person_text) <= LIMITS["young_person"][0]


def test_reading_level_medians(offer: Offer) -> None:
    carer = [grade(s.carer_text) for s in offer.sections.values()]
    young = [grade(s.young_person_text) for s in offer.sections.values()]
    assert statistics.median(carer) <= LIMITS["carer"][1]
    assert statistics.median(young) <= LIMITS["young_person"][1]


def test_readability_works_offline_with_the_shipped_dictionary() -> None:
    # Simple words score low, long words high: the syllable counter is working.
    assert grade("The cat sat on the mat. It was glad.") < 2
    assert grade("Comprehensive multidisciplinary evaluation necessitates consideration.") > 12


# Where each service named in the seeds (and domain-facts) appears: service, section, phrase.
SEED_SERVICES = [
    ("fortnightly support groups", "support-groups-and-training", "meet every two weeks"),
    ("visiting services at the groups", "support-groups-and-training", "Talking Therapies"),
    ("five-week introductory course", "support-groups-and-training", "five-week course"),
    (
        "course run by Empower",
        "support-groups-and-training",
        "The Empower service runs a free five-week course",
    ),
    (
        "parenting programme being developed",
        "support-groups-and-training",
        "parenting course just for kinship carers",
    ),
    (
        "financial allowances for eligible families",
        "financial-support",
        "pays allowances to eligible families",
    ),
    ("DfE means-testing model", "financial-support", "Department for\nEducation's means test"),
    ("allowance uplift from January 2025", "financial-support", "January 2025"),
    (
        "not a kinship allowance pilot area",
        "financial-support",
        "Rotherham is not one of those areas",
    ),
    ("Guardian's Allowance", "financial-support", "Guardian's Allowance"),
    ("flexible working", "staying-in-work", "flexible working"),
    ("Housing Assessment Panel", "housing", "Housing Assessment Panel"),
    ("Housing Options", "housing", "Housing Options"),
    ("Virtual School", "education", "The Virtual School"),
    ("two Virtual School heads", "education", "two Virtual School head teachers"),
    ("admissions priority", "education", "highest priority for school places"),
    ("Pupil Premium Plus", "education", "Pupil Premium Plus"),
    ("exclusions and attendance tracking", "education", "attendance and exclusions"),
    ("primary to secondary check-ins", "education", "September 2026"),
    ("Early Years childcare offer", "early-years", "childcare offer"),
    ("specialist teachers", "early-years", "specialist teachers"),
    ("0-5 SEND pathway", "early-years", "aged 0 to 5"),
    ("family time / contact", "family-time", "family time, or contact"),
    (
        "family group conference on request",
        "family-group-conference",
        "Every kinship family can ask for one",
    ),
    (
        "legal advice for eligible families",
        "legal-support",
        "helps eligible families with legal advice",
    ),
    ("Form K", "legal-support", "Form K"),
    ("Family Rights Group advice line", "legal-support", "Family Rights Group"),
    ("Empower crisis support", "therapeutic-support", "They can also help in a crisis"),
    ("ASGSF up to £3,000 a year", "therapeutic-support", "up to £3,000 a year"),
    ("trauma and attachment", "therapeutic-support", "attachment"),
    ("Talking Therapies", "health-and-wellbeing", "Talking Therapies"),
    ("NHS 0-19 services", "health-and-wellbeing", "aged 0 to 19"),
    ("neurodiversity", "health-and-wellbeing", "neurodivergent"),
    ("Kinship Navigators", "kinship-navigators", "Kinship Navigators"),
    ("home visits", "kinship-navigators", "visit you at home"),
    ("annual check-ins", "kinship-navigators", "once a year"),
    ("Best Start Family Hubs", "family-hubs-and-activities", "Best Start Family Hubs"),
    ("Peep", "family-hubs-and-activities", "Peep (Learning Through Play)"),
    ("parenting courses", "family-hubs-and-activities", "parenting courses"),
    ("youth work", "family-hubs-and-activities", "youth work"),
    ("Healthy Holidays", "family-hubs-and-activities", "Healthy Holidays"),
]


@pytest.mark.parametrize(
    ("service", "section_id", "phrase"), SEED_SERVICES, ids=[s[0] for s in SEED_SERVICES]
)
def test_seed_service_appears_in_its_section(
    offer: Offer, service: str, section_id: str, phrase: str
) -> None:
    section = offer.sections[section_id]
    text = " ".join([section.carer_text, section.summary, *section.arrangements.values()])
    assert " ".join(phrase.split()) in " ".join(text.split()), (
        f"{service} not found in {section_id}"
    )


def test_asgsf_for_previously_looked_after_sgo_and_cao(offer: Offer) -> None:
    notes = offer.sections["therapeutic-support"].arrangements
    for key in ("sgo", "cao"):
        assert "in care before the order" in notes[key] and "£3,000" in notes[key]


# National facts young people of 16 and over and schools need: (entry, words in the answer,
# words in a line of its sources naming the national source).
NATIONAL_FACTS = [
    ("money_16_plus", "16 to 19 Bursary", "GOV.UK, 16 to 19 Bursary Fund"),
    ("money_16_plus", "up to £1,200 a year", "www.gov.uk/1619-bursary-fund"),
    ("money_16_plus", "not the council", "GOV.UK, 16 to 19 Bursary Fund"),
    ("stay_after_18", "up to the age of 21", "Children Act 1989, section 23CZA"),
    ("stay_after_18", "This includes paying your carer", "Children Act 1989, section 23CZA"),
    ("stay_after_18", "Staying Put is not for a special guardianship", "Staying Put guidance"),
    ("order_at_18", "(SGO) ends when you turn 18", "Children Act 1989, section 91"),
    ("order_at_18", "usually end when you turn 16", "Children Act 1989, section 91"),
    ("turning_18", "you are a care leaver", "Children Act 1989, sections 23C and 24"),
    ("turning_18", "until you are 25", "Children and Social Work Act 2017, section 3"),
]


@pytest.mark.parametrize(
    ("key", "words", "source"), NATIONAL_FACTS, ids=[f"{k}: {w}" for k, w, _ in NATIONAL_FACTS]
)
def test_national_facts_for_young_people_of_16_and_over_name_their_source(
    offer: Offer, key: str, words: str, source: str
) -> None:
    item = offer.young_people[key]
    assert words in " ".join(item.answer.split())
    assert any(source in line for line in item.sources), item.sources


def test_the_designated_teacher_is_set_out_for_schools_with_its_sources(offer: Offer) -> None:
    section = offer.sections["education"]
    text = " ".join(section.professional_text.split())
    assert "does not set out the designated teacher" not in text
    assert "Every maintained school and academy must have a designated teacher" in text
    assert "personal education plan (PEP)" in text
    assert "designated teacher" in section.answers["who_to_contact"]
    for source in (
        "The designated teacher for looked-after and previously looked-after children, 2018",
        "Children and Young Persons Act 2008, section 20",
    ):
        assert any(source in line for line in section.sources), source


def test_support_follows_need_not_status(offer: Offer) -> None:
    # Every section says what everyone gets; no note refuses help outright.
    for section in offer.sections.values():
        assert section.arrangements["everyone"]
    assert "child's needs" in offer.arrangements["cao"].council_support
    assert "child's needs" in offer.arrangements["informal"].council_support


def test_glossary_terms_required_by_the_brief(offer: Offer) -> None:
    wanted = [
        "SGO",
        "CAO",
        "parental responsibility",
        "reg 24",
        "connected person",
        "family group conference",
        "ASGSF",
        "Virtual School",
        "SEND",
        "EHCP",
        "MASH",
        "family hub",
        "Pupil Premium Plus",
        "kinship fostering",
        "private fostering",
        "informal arrangement",
        "residence order",
        "looked after",
        "Empower",
        "Form K",
        "Family Rights Group",
        "Childline",
        "NSPCC",
        "special guardianship order",
        "sgo order",
        "the social",
        "no court stuff",
        "me nan",
    ]
    missing = [w for w in wanted if offer.term_for(w) is None]
    assert missing == []
    arrangement_terms = {t.arrangement for t in offer.glossary if t.arrangement}
    assert arrangement_terms == {"kinship_fostering", "sgo", "cao", "informal", "private_fostering"}


def test_no_invented_contact_details(offer: Offer) -> None:
    # In the demo content (the Navigators' number still a placeholder) the only real numbers are
    # the national ones from domain-facts; the rest are placeholders. Once a council has written
    # its own details, no demo value may be left without its placeholder mark.
    real = {"999", "0808 800 5000", "0800 1111", "0808 801 0366"}
    demo = offer.council.navigators.phone.placeholder
    demo_looking = re.compile(r"01709 0000\d\d|example\.invalid|to be confirmed", re.IGNORECASE)
    for key, contact in offer.council.all_contacts().items():
        for detail in (contact.phone, contact.email, contact.address):
            if detail is not None and not detail.placeholder:
                if demo:
                    assert detail.value in real, f"{key}: {detail.value} is not a known real detail"
                assert not demo_looking.search(detail.value), (
                    f"{key}: {detail.value} is a demo value"
                )
