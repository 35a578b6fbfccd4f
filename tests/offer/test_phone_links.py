"""Tap to call on the offer pages: phone numbers in offer texts become tel: links (the same
cases as the widget's, tests/widget/phone_cases.py); placeholders do not, and text is still
escaped."""

from __future__ import annotations

import re

import pytest

from bot.offer.render import markdown_to_html
from tests.widget.phone_cases import PHONE_CASES, TEL


@pytest.mark.parametrize(("text", "linked"), PHONE_CASES)
def test_phone_numbers_in_offer_text_are_tel_links(text: str, linked: list[str]) -> None:
    html = str(markdown_to_html(text))
    links = re.findall(r'<a href="(tel:[^"]*)">([^<]*)</a>', html)
    assert links == [(TEL[number], number) for number in linked]


def test_a_number_in_a_link_is_left_alone_and_html_stays_text() -> None:
    html = str(markdown_to_html("[Call 0800 1111](https://www.childline.org.uk) <b>0800 1111</b>"))
    assert '<a href="https://www.childline.org.uk">Call 0800 1111</a>' in html
    assert '&lt;b&gt;<a href="tel:08001111">0800 1111</a>&lt;/b&gt;' in html


def test_the_offer_pages_link_numbers_in_section_text(client) -> None:
    page = client.get("/offer/health-and-wellbeing").text
    assert '<a href="tel:08001111">0800 1111</a>' in page  # Childline, inside the section text
