"""Fixtures for the insights tests: signed-in staff clients (from tests/staff) and a helper that
reads the dashboard's tables."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from tests.staff.conftest import PASSWORD, make_user, manager, navigator, sign_in  # noqa: F401
from tests.widget.conftest import static_site  # noqa: F401 (a fixture)


class _Tables(HTMLParser):
    """Every <table data-figures="..."> as a list of rows, each a list of cell texts."""

    def __init__(self):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._table: str | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "data-figures" in attrs:
            self._table = attrs["data-figures"]
            self.tables[self._table] = []
        elif self._table and tag == "tr":
            self._row = []
        elif self._row is not None and tag in ("td", "th"):
            self._cell = []
        elif self._cell is not None and tag == "li":
            self._cell.append(" | ")

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            text = re.sub(r"\s+", " ", "".join(self._cell)).strip(" |")
            self._row.append(text)
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if self._row and self._table:
                self.tables[self._table].append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def tables(html: str) -> dict[str, list[list[str]]]:
    parser = _Tables()
    parser.feed(html)
    return parser.tables


def as_dict(rows: list[list[str]]) -> dict[str, list[str]]:
    """Rows keyed by their first cell (header rows, whose cells are all headings, included)."""
    return {row[0]: row[1:] for row in rows}
