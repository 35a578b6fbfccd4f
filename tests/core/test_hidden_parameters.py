"""An SQL error names the statement, never the values in it (names, messages, phone numbers),
so none of them can reach a log line."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from bot.db.session import make_engine


def test_sql_errors_do_not_show_the_values(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'app.db'}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE people (phone TEXT UNIQUE)"))
        connection.execute(text("INSERT INTO people VALUES (:phone)"), {"phone": "07700 900123"})
    with pytest.raises(SQLAlchemyError) as failed, engine.begin() as connection:
        connection.execute(text("INSERT INTO people VALUES (:phone)"), {"phone": "07700 900123"})
    assert "UNIQUE" in str(failed.value)
    assert "07700 900123" not in str(failed.value)
    assert "hidden due to hide_parameters" in str(failed.value)
