import glob, yaml, json, sys
from bot.understanding.reading import read
out = {}
for p in sorted(glob.glob('tests/data/dev/dev_set_*.yaml')):
    for m in yaml.safe_load(open(p))['messages']:
        r = read(m['text'])
        out[m['text']] = (m['kind'], m.get('sections') or [], r.asked)
json.dump(out, open(sys.argv[1], 'w'))
first = sum(1 for k, w, a in out.values() if k == 'need' and a and a[0] in w)
anyr = sum(1 for k, w, a in out.values() if k == 'need' and any(s in w for s in a))
n = sum(1 for k, w, a in out.values() if k == 'need')
spur = sum(1 for k, w, a in out.values() if k != 'need' and not w and a)
m = sum(1 for k, w, a in out.values() if k != 'need' and not w)
print(f'need first {first}/{n} any {anyr}/{n}; sections read where none wanted {spur}/{m}')
