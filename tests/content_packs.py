"""Content packs the suite can run against, made from the project's own `offer_content/`.

`filled_copy` does what a council does before going live: it replaces every demo value marked
`placeholder: true` with a real-looking one and deletes the marks. Phone numbers come from
Ofcom's ranges kept for drama (0114 496 0000 to 0999: they never ring anyone), e-mail and web
addresses use a domain that is not the demo's `example.invalid`. The office hours and the
contact promise keep their demo values but lose the mark, so the assistant now promises a
call-back time, as it will at a council that has agreed one.

`make test` runs the content-dependent tests a second time on such a copy (scripts/test.sh,
`--content filled` in tests/conftest.py), so a council writing its real details can never
turn CI red."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

DOMAIN = "kinship-rotherham.org.uk"
ADDRESS = "Kinship Team, Civic Offices, Rotherham S60 9ZZ"

# `phone: {value: "01709 000000", placeholder: true}` and the like, on one line.
_INLINE = re.compile(r'\{\s*value:\s*"(?P<value>[^"]*)"\s*,\s*placeholder:\s*true\s*\}')
# `placeholder: true` on a line of its own, under a mapping (hours, the promise, a link).
_OWN_LINE = re.compile(r"^[ \t]*placeholder:[ \t]*true[ \t]*\n", re.MULTILINE)
_DEMO_PHONE = re.compile(r"01709 0000(\d\d)")


def set_promise(monkeypatch, value) -> None:
    """The council's navigator_contact_promise set to `value` (a ContactPromise) for one test,
    the rest of the offer as it is: a test of the promise never depends on what the content
    in use says."""
    from bot.enquiries import timing

    offer = timing.get_offer()
    council = offer.council.model_copy(update={"navigator_contact_promise": value})
    changed = offer.model_copy(update={"council": council})
    monkeypatch.setattr(timing, "get_offer", lambda: changed)


def demo_promise(monkeypatch) -> None:
    """The promise as the demo content has it: a placeholder, so no day is promised."""
    from bot.offer.models import ContactPromise

    set_promise(monkeypatch, ContactPromise(working_days=1, placeholder=True))


def real_looking(value: str) -> str:
    """A real-looking value for one demo value."""
    value = _DEMO_PHONE.sub(lambda m: f"0114 496 0{int(m.group(1)):03d}", value)
    value = value.replace("@example.invalid", f"@{DOMAIN}")
    value = value.replace("https://example.invalid/", f"https://www.{DOMAIN}/")
    if value.startswith("Address to be confirmed"):
        value = ADDRESS
    return value


def fill_text(text: str) -> str:
    """The text of one content file with every placeholder replaced."""
    text = _INLINE.sub(lambda m: '"' + real_looking(m.group("value")) + '"', text)
    text = _OWN_LINE.sub("", text)
    return text.replace("https://example.invalid/", f"https://www.{DOMAIN}/")


def in_use(monkeypatch, root: Path):
    """For a fixture: `root` as the content in use (CONTENT_DIR) until the test ends, then the
    content of the run again (`yield from in_use(monkeypatch, root)`)."""
    from bot.offer.loader import reload_offer

    monkeypatch.setenv("CONTENT_DIR", str(root))
    reload_offer()
    yield root
    monkeypatch.undo()  # CONTENT_DIR as it was before: the content of the run
    reload_offer()


def edit_council(root: Path, change) -> Path:
    """Change council.yml of the pack `root` as data, whatever its values: `change(council)`."""
    path = root / "council.yml"
    council = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(council)
    path.write_text(yaml.safe_dump(council, sort_keys=False, allow_unicode=True), "utf-8")
    return root


def demo_copy(source: Path, target: Path) -> Path:
    """Copy the content pack `source` to `target` with the details that production mode checks
    marked as demo values again (the Navigators' phone and address, the front door's and the
    out-of-hours team's phones): the tests of those checks then work whatever the content in use says."""
    shutil.copytree(source, target)

    def mark(holder: dict, key: str) -> None:
        value = holder[key]
        holder[key] = {"value": str(value["value"] if isinstance(value, dict) else value)}
        holder[key]["placeholder"] = True

    def mark_all(council: dict) -> None:
        mark(council["navigators"], "phone")
        mark(council["navigators"], "address")
        mark(council["emergency"]["front_door"], "phone")
        mark(council["emergency"]["emergency_duty_team"], "phone")

    return edit_council(target, mark_all)


def filled_copy(source: Path, target: Path) -> Path:
    """Copy the content pack `source` to `target` with every placeholder filled in."""
    shutil.copytree(source, target)
    for path in sorted(target.rglob("*")):
        if path.suffix in {".yml", ".yaml", ".md"} and path.name != "README.md":
            original = path.read_text(encoding="utf-8")
            filled = fill_text(original)
            if filled != original:
                path.write_text(filled, encoding="utf-8")
    return target
