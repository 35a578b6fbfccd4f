import glob, yaml, re
from bot.safety import assess
from bot.understanding import reading
from bot.understanding.reading import ASKS, asked_after_danger
NEEDY = re.compile(r"\b(need|needs|want|wants|looking for|help with|advice|support)\b", re.I)
def variant(text, cat, mode):
    asked = asked_after_danger(text, cat)
    if mode == 'cur': return asked
    extra = reading.after_danger_sections().get(cat or '')
    if not (ASKS.search(text) or (mode=='needy' and NEEDY.search(text))):
        return [s for s in asked if s == extra]
    return asked
res = {m: [0,0,0,0] for m in ('cur','asks','needy')}
for p in sorted(glob.glob('tests/data/dev/dev_set_*.yaml')) + ['tests/data/dev/dev_danger_questions.yaml']:
    for m in yaml.safe_load(open(p))['messages']:
        a = assess(m['text'])
        if not a.danger: continue
        wanted = m.get('sections') or []
        for mode in res:
            got = variant(m['text'], a.category, mode)
            if wanted:
                res[mode][0] += 1; res[mode][1] += any(s in wanted for s in got)
            else:
                res[mode][2] += 1; res[mode][3] += len(got)
for k,v in res.items(): print(k, 'answered %d/%d' % (v[1], v[0]), 'sections shown on replies wanting none: %d over %d' % (v[3], v[2]))
