"""Safe Markdown for offer texts: paragraphs, lists, bold, italics and links, nothing else.

Raw HTML in content is never passed through: it is shown as text. Links to unsafe schemes
(javascript:, data: ...) are not turned into links (markdown-it's own link validation).
Phone numbers in the text become tel: links (tap to call), made as tokens, so their words are
escaped like any other text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

# The phone numbers a text may hold: UK numbers (0... or +44..., 8 to 11 digits, spaces or
# hyphens between), the 116 helplines, the textphone prefix 18001 before a number, and the
# short codes 999, 112, 111 and 101; not after a letter, digit, currency sign or "/" (part of
# something else), nor marked as a placeholder ("(placeholder — not a real contact yet)") or
# in braces. The widget (web_widget/widget.js, `phoneLinks`) finds the same: keep the two in
# step (tests/widget/phone_cases.py holds the cases both are tested with).
PHONE = re.compile(
    r"(?<![\w£$€/=.+{-])"
    r"((?:18001 ?)?(?:\+44 ?(?:\(0\) ?)?|0)\d(?:[ -]?\d){6,9}|116 ?\d{3}|999|112|111|101)"
    r"(?![\w%}]|[.,]\d)"
)
NOT_A_NUMBER_YET = re.compile(r"\s*[(\[]\s*(placeholder|not (a real|set|yet))", re.IGNORECASE)

_DISABLED = ["heading", "lheading", "image", "html_block", "html_inline", "code", "fence", "table"]


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    parser.disable(_DISABLED, ignoreInvalid=True)
    return parser


def markdown_to_html(text: str | None) -> Markup:
    """Render content Markdown to HTML that is safe to put in a page."""
    if not text:
        return Markup("")
    parser = _parser()
    env: dict = {}
    tokens = parser.parse(text, env)
    for token in tokens:
        if token.type == "inline" and token.children:
            token.children = _with_phone_links(token.children)
    return Markup(parser.renderer.render(tokens, parser.options, env))


def phone_spans(text: str) -> list[tuple[int, int]]:
    """Where the phone numbers to link are in `text` (start, end)."""
    return [
        match.span(1)
        for match in PHONE.finditer(text)
        if not NOT_A_NUMBER_YET.match(text, match.end(1))
    ]


def tel_href(number: str) -> str:
    return "tel:" + re.sub(r"[^\d+]", "", number.replace("(0)", ""))


def _with_phone_links(children: list[Token]) -> list[Token]:
    """Text tokens outside links, with each phone number wrapped in a tel: link."""
    out: list[Token] = []
    in_link = 0
    for token in children:
        if token.type == "link_open":
            in_link += 1
        elif token.type == "link_close":
            in_link -= 1
        spans = phone_spans(token.content) if token.type == "text" and not in_link else []
        if not spans:
            out.append(token)
            continue
        at = 0
        for start, end in spans:
            if start > at:
                out.append(Token("text", "", 0, content=token.content[at:start]))
            number = token.content[start:end]
            out.append(Token("link_open", "a", 1, attrs={"href": tel_href(number)}))
            out.append(Token("text", "", 0, content=number))
            out.append(Token("link_close", "a", -1))
            at = end
        if at < len(token.content):
            out.append(Token("text", "", 0, content=token.content[at:]))
    return out


def markdown_to_plain(text: str | None) -> str:
    """The words of a Markdown text without its marks (for exports and search)."""
    if not text:
        return ""
    tokens = _parser().parse(text)
    words: list[str] = []
    for token in tokens:
        if token.type == "inline" and token.children is not None:
            words.append("".join(_child_text(c) for c in token.children))
        elif token.type == "inline":
            words.append(token.content)
    return "\n".join(w for w in words if w)


def _child_text(token) -> str:
    if token.type in ("text", "code_inline"):
        return token.content
    if token.type in ("softbreak", "hardbreak"):
        return " "
    return ""
