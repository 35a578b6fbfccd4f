"""Safe Markdown for offer texts: paragraphs, lists, bold, italics and links, nothing else.

Raw HTML in content is never passed through: it is shown as text. Links to unsafe schemes
(javascript:, data: ...) are not turned into links (markdown-it's own link validation).
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markupsafe import Markup

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
    return Markup(_parser().render(text))


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
