"""Phone numbers in assistant text, and which of them become tel: links: one list for both
places that link them, the widget (`phoneLinks` in web_widget/widget.js, tested in Chromium in
test_widget_ergonomics.py) and the offer pages (`bot/offer/render.py`, tests/offer/test_phone_links.py).

Each case is (text, the numbers linked in it, in order).
"""

from __future__ import annotations

PHONE_CASES: list[tuple[str, list[str]]] = [
    ("If a child is in danger now, call 999.", ["999"]),
    ("Call **999** now.", ["999"]),
    ("Childline on 0800 1111. It is free.", ["0800 1111"]),
    ("NSPCC helpline: 0808 800 5000 (for adults)", ["0808 800 5000"]),
    (
        "Family Rights Group advice line 0808 801 0366, or 0808-801-0366",
        ["0808 801 0366", "0808-801-0366"],
    ),
    ("Samaritans on 116 123, any time", ["116 123"]),
    ("Textphone: 18001 0808 800 5000", ["18001 0808 800 5000"]),
    (
        "From abroad +44 (0)1709 382121 or +44 1709 382121",
        ["+44 (0)1709 382121", "+44 1709 382121"],
    ),
    ("NHS 111 or the police on 101", ["111", "101"]),
    # Placeholders: marked as not real yet, or still in braces.
    ("Kinship Navigators: phone 01709 000000 (placeholder — not a real contact yet).", []),
    ("Call {childline_phone} or {01709 000000}", []),
    # Not phone numbers.
    ("An allowance of £999 a year, from 2026, for children aged 0-5 or 0 to 19", []),
    ("Your reference is KIN-01234567 and the page is /offer/0800111", []),
    ("8.30am to 5pm; 12 weeks; 1 in 3 carers; 999999", []),
]

# What the tel: link calls for each number above.
TEL = {
    "999": "tel:999",
    "0800 1111": "tel:08001111",
    "0808 800 5000": "tel:08088005000",
    "0808 801 0366": "tel:08088010366",
    "0808-801-0366": "tel:08088010366",
    "116 123": "tel:116123",
    "18001 0808 800 5000": "tel:1800108088005000",
    "+44 (0)1709 382121": "tel:+441709382121",
    "+44 1709 382121": "tel:+441709382121",
    "111": "tel:111",
    "101": "tel:101",
}
