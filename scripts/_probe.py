import sys, tempfile, json
from pathlib import Path
from scripts.live_system import LiveSystem
from bot.db.migrate import upgrade
from bot.safety.response import HANDOFF_PAYLOAD
convs = [
 ["my partner has just hit me and hes outside now, we have the kids on an sgo. can we get rehoused?", "yes"],
 ["my partner has just hit me and hes outside now, we have the kids on an sgo. can we get rehoused?", "yes please"],
 ["my partner has just hit me and hes outside now, we have the kids on an sgo. can we get rehoused?", ("payload", HANDOFF_PAYLOAD)],
 ["my partner has just hit me and hes outside now", "Yes, contact me (urgent)"],
 ["my partner has just hit me and hes outside now", "what do i do"],
 ["im 14 and i live with my nan. she's hitting me right now", "yes"],
 ["im 14 and i live with my nan. she's hitting me right now", "what do i do"],
]
system = LiveSystem(Path(tempfile.mkdtemp(prefix="probe-")))
upgrade(system.database_url)
try:
    system.start_app(); system.start_rasa()
    for conv in convs:
        sid = system.new_session()
        print("=" * 60)
        for text in conv:
            if isinstance(text, tuple):
                r = system.say(sid, payload=text[1]); text = text[1]
            else:
                r = system.say(sid, text)
            print(">>", text, "| safeguarding", r["safeguarding"], "| ctx", r["context"])
            for m in r["messages"]:
                print("   [%s] %s %s %s" % (m["kind"], m["text"][:110].replace("\n", " "), [s["id"] for s in m["sections"]], [b["title"] for b in m["buttons"]][:4]))
finally:
    system.stop()
