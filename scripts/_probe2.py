import sys, tempfile, json
from pathlib import Path
from scripts.live_system import LiveSystem
from bot.db.migrate import upgrade
convs = [
 ["can I get money for my grandson", "talk to a person", "yes", "denise.smith@gmail.com"],
 ["i need to talk to someone", "yes please", "Denise Smith", "actually can they email me instead", "its gmial.com not gmail, and my name is just Denise"],
 ["talk to a person", "Yes, leave a message", "Pat", "will my daughter be able to see this? we don't get on"],
 ["I'm looking after my niece", "not sure", "a social worker comes round every week", "the council placed her with me after she was taken into care"],
 ["when I'm 18 does the SGO stop", "how much exactly?"],
 ["what was my reference number again", "when is my bin collection?", "will someone ring me tonight?"],
]
system = LiveSystem(Path(tempfile.mkdtemp(prefix="probe-")))
upgrade(system.database_url)
try:
    system.start_app(); system.start_rasa()
    for conv in convs:
        sid = system.new_session()
        print("=" * 60)
        for text in conv:
            r = system.say(sid, text)
            print(">>", text, "| sg", r["safeguarding"], "| ctx", r["context"], r.get("enquiry_reference"))
            for m in r["messages"]:
                print("   [%s] %s %s %s" % (m["kind"], m["text"][:150].replace("\n", " "), [s["id"] for s in m["sections"]], [b["title"] for b in m["buttons"]][:4]))
finally:
    system.stop()
