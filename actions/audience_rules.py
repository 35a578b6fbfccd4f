"""Who is writing: a young person, a professional or a carer, from the words of a message.

A rule layer beside the NLU intents (`young_person_opening`, `professional_opening`): it needs no
training and reads cues that the intent model, trained on few examples, misses or confuses:

- young people: "I'm 13", "year 8", "my nan looks after me", "does my aunty get paid for me",
  "why can't I live with my mum", "do I get a say";
- professionals: a role ("health visitor here", "I'm the DSL"), "one of our pupils", "a family
  on my caseload", "my patient", "how do I refer";
- carers: "my grandson lives with me", "I look after my niece", "I'm 62", "my daughter can't
  cope".

The rules are written per way of saying it, not per sentence: for young people, the adults
and places of a child's life seen from the child's side ("my teacher", "at my nan's", "my nan
won't let me", "my nan is always tired"), being the one others decide about ("am I in care",
"who is in charge of me", "can I still see my brother", "do I have to move"), comparing
themselves with other children, and text-speak ("wat", "idk", "yo"), which only adds weight
and never decides alone; for professionals, a role named at the start ("Paediatric
secretary.", "SENCO query -"), "I work in ...", "we run a ...", a case described from outside
("a child on an SGO", "a pupil's gran") and the words of the job; for carers, their own
grandchildren, nieces and nephews, asking to be referred, and naming themselves ("Nan here",
"I'm Gran to ...", "carers like me").

The text is read with spaCy (a blank English pipeline with the lookup lemmatizer, so "lives",
"looking" and "pupils" match "live", "look" and "pupil"); text-speak is folded first ("im",
"wiv", "nanna", "cant", "me nan" for "my nan"). Each cue adds weight to one audience; the
audience is given only when the cues clearly point one way, otherwise `None` (then the NLU
intent decides). When in doubt the rules lean to the carer: a carer taken for a young person
gets the wrong answers and no contact form.

Asking what a word means ("what does CAO stand for"), help for teenagers or whether kids are
allowed are hints only: carers ask them too. Asking for "easy words", "can they help kids too",
"my birth mum", "my corporate parent" and a relative who looks after "me" count in full. A role
is the writer's only when nobody else's ("the child's social worker, ..." is not).

Measured on tests/nlu/audience_dev.yml, audience_dev2.yml and the spent acceptance set 3 (see
tests/actions/test_audience_rules.py). Where the rules make no call, `decide` asks a statistical
second net (actions/audience_classifier.py) before the NLU intent.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import spacy
from spacy.matcher import Matcher
from spacy.tokens import Doc

YOUNG_PERSON = "young_person"
PROFESSIONAL = "professional"
CARER = "carer"

# The oldest age a first-person "I'm N" is taken for a child; from this age on, an adult.
CHILD_MAX_AGE = 17
ADULT_MIN_AGE = 18

# fmt: off
# (the word tables below are kept compact)
# Text-speak and spelling variants, folded before matching (keys are lower-case tokens).
_FOLD = {
    "wiv": "with", "wiv'": "with", "wid": "with", "wif": "with", "whith": "with", "cos": "because",
    "coz": "because", "cuz": "because", "bc": "because", "becuz": "because", "n": "and",
    "&": "and", "nd": "and", "u": "you", "ya": "you", "ur": "your", "yr": "year", "yrs": "year",
    "years": "year", "y": "why", "wen": "when", "wat": "what", "wot": "what", "wht": "what",
    "wats": "what", "wots": "what", "whats": "what", "wut": "what", "cant": "can not",
    "carnt": "can not", "cannot": "can not", "ca": "can", "dont": "do not", "didnt": "did not",
    "doesnt": "do not", "wont": "will not", "isnt": "be not", "aint": "be not", "wasnt": "be not",
    "havent": "have not", "ive": "i have", "iam": "i be", "am": "be", "'m": "be", "m": "be",
    "gonna": "go to", "wanna": "want to", "gotta": "have to", "hafta": "have to", "pls": "please",
    "plz": "please", "hiya": "hello", "heya": "hello", "hey": "hello", "sup": "hello",
    "yo": "hello", "hi": "hello",
    "there": "their", "thier": "their", "skool": "school", "skl": "school", "wiht": "with",
    "liv": "live", "livin": "live", "lookin": "look", "lookn": "look", "stayin": "stay",
    "gettin": "get", "nan": "nan", "nana": "nan", "nanna": "nan", "nanny": "nan", "nanan": "nan",
    "nannan": "nan", "gran": "nan", "granny": "nan", "grannie": "nan", "grandma": "nan",
    "grandmother": "nan", "gramma": "nan", "grandmum": "nan", "nonna": "nan", "nain": "nan",
    "mamgu": "nan", "grandad": "grandad", "granddad": "grandad", "grandpa": "grandad",
    "grandfather": "grandad", "grampa": "grandad", "gramps": "grandad", "grandda": "grandad",
    "grandads": "grandad", "grandparent": "grandparents", "grandparents": "grandparents",
    "nans": "nan", "aunt": "aunt", "aunty": "aunt", "auntie": "aunt", "aunties": "aunt",
    "auntys": "aunt", "aunts": "aunt", "mam": "mum", "mom": "mum", "mommy": "mum", "mummy": "mum",
    "mammy": "mum", "mother": "mum", "mums": "mum", "moms": "mum", "mams": "mum", "mum's": "mum",
    "daddy": "dad", "father": "dad", "da": "dad", "dads": "dad", "bro": "brother",
    "bruv": "brother", "sis": "sister", "grandaughter": "granddaughter",
    "granddaughter": "granddaughter", "grandaughters": "granddaughter",
    "granddaughters": "granddaughter", "grandduaghter": "granddaughter", "grandson": "grandson",
    "grandsons": "grandson", "grandchild": "grandchild", "grandchildren": "grandchild",
    "grandkid": "grandchild", "grandkids": "grandchild", "grandbaby": "grandchild",
    "grandbabies": "grandchild", "gc": "grandchild", "neice": "niece", "nieces": "niece",
    "nephews": "nephew", "neffew": "nephew", "yo's": "year", "yrs.": "year", "sez": "say",
    "sed": "say", "dunno": "do not know", "duno": "do not know", "sumthing": "something",
    "somethin": "something", "summat": "something", "nuffin": "nothing", "nothin": "nothing",
    "fing": "thing", "ppl": "people", "skwl": "school", "teacha": "teacher", "bcos": "because",
    "bcoz": "because", "becos": "because", "coz'": "because", "tho": "though", "rly": "really",
    "'re": "be", "'ve": "have", "'ll": "will", "does": "do", "stepdads": "stepdad",
    "stepmums": "stepmum", "uncles": "uncle", "cousins": "cousin",
}
# Text-speak that young writers use far more than adults: 1 each ("wat", "idk"), half for what
# adults type on phones too ("u", "pls"); at most 1.5 in all, so it never decides alone.
_TEXT_SPEAK = {
    "lol": 1, "omg": 1, "idk": 1, "tbh": 1, "ngl": 1, "lmao": 1, "bruh": 1, "fr": 1, "wat": 1,
    "wot": 1, "wots": 1, "wats": 1, "wen": 1, "sumthing": 1, "summat": 1, "fing": 1,
    "nuffin": 1, "innit": 1, "skool": 1, "skl": 1, "sez": 1, "dunno": 1, "bc": 1, "wiv": 1,
    "becuz": 1, "coz": 0.5, "cuz": 0.5, "ikr": 1, "smh": 1, "rn": 1, "wut": 1, "u": 0.5, "ur": 0.5,
    "pls": 0.5, "plz": 0.5, "y": 0.5, "wanna": 0.5, "gonna": 0.5, "sup": 1, "yo": 1,
}
TEXT_SPEAK_MAX = 1.5
# "me nan says" (dialect "me" for "my") where "me" cannot be an object: at the start, after
# "and", "with", "at", "to", "from", "about", "because" or "but".
_ME_AS_MY_AFTER = {"", "and", "with", "at", "to", "from", "about", "because", "but", ",", "."}

# Word lists the patterns use (after folding and lemmatising).
_CARER_KIN = [
    "nan", "grandad", "grandparents", "aunt", "uncle", "carer", "guardian", "cousin", "sister",
    "brother", "godmother", "godparent", "stepmum", "stepdad",
]
_PARENT = ["mum", "dad", "parent", "parents"]
_CARER_CHILDREN = [
    "grandson", "granddaughter", "grandchild", "niece", "nephew",
]
_OWN_CHILDREN = ["daughter", "son", "stepson", "stepdaughter"]
# Roles of people who work with kinship families (single words and phrases).
_ROLES = [
    "teacher", "headteacher", "head teacher", "class teacher", "deputy head", "head of year",
    "teaching assistant", "senco", "sendco", "dsl", "ddsl", "designated safeguarding lead",
    "safeguarding lead", "designated teacher", "pastoral lead", "pastoral manager",
    "pastoral worker", "form tutor", "learning mentor", "attendance officer",
    "virtual school head", "virtual school", "school nurse", "school business manager",
    "business manager", "health visitor", "midwife", "gp", "doctor", "nurse", "practice nurse",
    "practice manager", "receptionist", "paediatrician", "pediatrician", "camhs", "camhs worker",
    "camhs practitioner", "mental health nurse", "psychologist", "therapist", "social worker",
    "supervising social worker", "family support worker", "support worker", "early help",
    "early help worker", "early help practitioner", "practitioner", "family worker", "key worker",
    "keyworker", "caseworker", "case worker", "housing officer", "housing worker",
    "tenancy officer", "housing", "police officer", "pc", "pcso", "police", "detective",
    "youth worker", "nursery practitioner", "nursery manager", "nursery worker", "childminder",
    "solicitor", "lawyer", "barrister", "cafcass", "cafcass officer", "guardian ad litem",
    "adviser", "advisor", "citizens advice", "councillor", "coordinator", "co-ordinator",
    "manager", "officer", "worker", "volunteer", "foodbank", "food bank", "charity",
    "health professional", "professional", "clinician", "sw", "iro",
    "independent reviewing officer", "elsa", "family hub", "hv", "counsellor", "counselor",
    "mentor", "learning mentor", "liaison officer", "probation officer", "assistant",
    "health care assistant", "healthcare assistant", "hca", "consultant", "psychiatrist",
    "occupational therapist", "physio", "physiotherapist", "dentist", "pharmacist", "chaplain",
    "vicar", "lecturer", "governor", "early years practitioner", "community nurse",
    "district nurse", "staff nurse", "ward sister", "navigator", "family practitioner",
    "link worker", "outreach worker", "advocate", "paralegal", "inclusion lead",
    "inclusion manager", "head of inclusion", "deputy headteacher", "assistant head", "principal",
    "hlta", "education welfare officer", "ewo", "send officer", "care coordinator",
    "social prescriber", "welfare rights adviser", "debt adviser", "play worker", "playworker",
    "coach", "scout leader", "pastor", "imam", "priest", "community worker",
    "student social worker", "social work student", "administrator", "librarian",
    "contact supervisor", "family time worker", "contact worker", "colleague", "leader",
    "team leader", "secretary", "medical secretary", "reception", "keyworker", "provider",
    "ot", "slt", "speech and language therapist", "speech therapist", "housing options",
    "housing options officer",
]
# What professionals call the people they work with.
_CLIENTS = [
    "pupil", "student", "patient", "client", "tenant", "caseload", "case", "mentee", "learner",
    "resident", "service user", "young people", "family", "child", "kid", "children", "baby",
    "toddler", "carer", "grandparent", "kinship carer", "kinship family", "young person", "parent",
    "lad", "girl", "boy",
]
_WORKPLACES = [
    "school", "primary", "secondary", "academy", "nursery", "surgery", "practice", "council",
    "authority", "department", "unit", "agency", "church", "mosque", "clinic", "ward", "hospital",
    "team", "service", "setting", "class", "tutor group", "waiting room", "charity",
    "organisation", "office", "hub", "college", "centre", "center", "foodbank", "trust",
    "caseload", "group",
]
_REFER = ["refer", "referral", "referrer", "signpost", "refering", "referring", "referal"]


@dataclass(frozen=True)
class Guess:
    """The audience the words show (`None` when unclear), the weight of each, and the cues."""

    audience: str | None
    scores: dict[str, float] = field(default_factory=dict)
    cues: list[str] = field(default_factory=list)
    age: float | None = None


def _tokens(words: str) -> list[dict]:
    """`"my {KIN} live with"` -> Matcher token specs. `{NAME}` is a word list above (the lists
    of roles, clients and workplaces with their plurals too); `a|b` one of several words
    (`{NAME}|b`: a list and more words); a trailing `?` makes a token optional; `*` is up to
    three of any words; `~` one word that is not "that", "this", "it" ... (what a question
    points back to: "what does that mean")."""
    specs: list[dict] = []
    for word in words.split():
        optional = word.endswith("?") and len(word) > 1
        word = word.rstrip("?") if optional else word
        if word == "*":
            specs.append({"OP": "{,3}"})
            continue
        if word == "#":
            spec: dict = {"LIKE_NUM": True}
        elif word == "~":
            spec = {"LOWER": {"NOT_IN": _POINTING_BACK}}
        elif "{" in word or "|" in word:
            alternatives: list[str] = []
            for part in re.findall(r"\{[^}]*\}|[^|]+", word):
                if part.startswith("{"):
                    for name in part.strip("{}").split("|"):
                        alternatives += _LISTS[name]
                        if name in _PLURAL_LISTS:  # "family hubs", "our pupils"
                            alternatives += [w + "s" for w in _LISTS[name]]
                else:
                    alternatives.append(part)
            spec = {"LOWER": {"IN": [_pattern_word(w) for w in alternatives]}}
        else:
            spec = {"LOWER": _pattern_word(word)}
        if optional:
            spec["OP"] = "?"
        specs.append(spec)
    return specs


_PLURAL_LISTS = {"ROLE", "CLIENT", "STRICT", "WORKPLACE"}
# Words a question uses to point back at something said before: "what does that mean for us" asks
# about the writer's own case, not what a word means.
_POINTING_BACK = [
    "that", "this", "it", "they", "these", "those", "he", "she", "i", "we", "you", "all", ".", ",",
    "?", "!", "for", "to",
]
_LISTS = {
    "KIN": _CARER_KIN,
    "PARENT": _PARENT,
    "CHILDREN": _CARER_CHILDREN,
    "OWN": _OWN_CHILDREN,
    "CLIENT": [c for c in _CLIENTS if " " not in c],
    "STRICT": [
        "pupil", "student", "patient", "client", "tenant", "caseload", "mentee", "learner",
        "resident",
    ],
    "WORKPLACE": [w for w in _WORKPLACES if " " not in w],
    "REFER": _REFER,
    "FRIEND": [
        "friend", "mate", "neighbour", "partner",
    ],
    "CHILDWORD": [
        "kid", "kids", "child", "children", "boy", "boys", "girl", "girls", "son", "daughter",
        "baby", "babies", "lad", "lads", "two", "three", "four", "2", "3", "4", "little",
        "youngest", "eldest", "twins",
    ],
    "ME": [
        "i", "me", "my",
    ],
    "BE": [
        "be", "is", "are", "was", "were",
    ],
    "A": [
        "a", "an", "the", "one", "our", "their", "his", "her", "its",
    ],
    "LIVE": [
        "live", "stay", "stop", "be", "move", "go", "sleep",
    ],
    "LOOK": [
        "look", "care", "raise", "bring", "have", "keep", "mind", "take", "foster",
    ],
    # Family a carer seldom calls "my" (their own grandparents; their own aunt or uncle).
    "ELDER": [
        "nan", "grandad", "grandparents", "aunt", "uncle", "carer", "guardian",
    ],
    "OLDKIN": [
        "nan", "grandad", "grandparents",
    ],
    "PEER": [
        "friend", "mate", "mates", "friends", "classmate", "bestie", "bff",
    ],
    "CONTACT": [
        "see", "visit", "phone", "ring", "call", "text", "meet", "talk", "speak",
    ],
    "STATE": [
        "old", "poorly", "ill", "sick", "tired", "strict", "nice", "kind", "mean", "always",
        "never", "too", "really", "so", "worry", "cross", "angry", "sad", "upset", "stress",
    ],
    "OTHERKIN": [
        "family", "families", "child", "children", "grandmother", "grandparent", "grandparents",
        "carer", "carers", "young", "aunt", "uncle", "grandfather", "nan", "grandad", "lady",
        "gentleman", "man", "woman", "couple", "kinship", "boy", "girl", "pupil", "student",
        "mum", "dad", "parent", "parents",
    ],
    # Other children as a child says it: "everyone else lives with their mum".
    "OTHERS": [
        "everyone", "everybody", "anyone", "anybody", "nobody", "other",
    ],
    # Grown-ups at school a child calls "my ...": "my teacher", "my TA".
    "KIDROLE": [
        "teacher", "teachers", "ta", "elsa", "headteacher",
    ],
    "GETMONEY": [
        "pay", "paid", "money", "cash", "allowance", "fund", "funding", "benefit",
    ],
}

# (label, cue, weight, patterns). Weights: 3 = says it outright, 2 = strong, 1 = a hint.
_RULES: list[tuple[str, str, float, list[str]]] = [
    # ---- young person
    (YOUNG_PERSON, "yp_kin_looks_after_me", 3, [
        "my {KIN} {LOOK} after? me", "my {KIN} * {LOOK} after me", "my {KIN} be raise me",
        "my {KIN} * get me", "my {KIN} have get me", "my {KIN} * {LOOK} of me",
        "{KIN|PARENT} {LOOK} after me", "{KIN} be {LOOK} me", "my {KIN} * * * {LOOK} after me",
    ]),
    (YOUNG_PERSON, "yp_live_with_kin", 3, [
        "i * {LIVE} with my {KIN}", "i * {LIVE} with our {KIN}", "i * {LIVE} at my {KIN}",
        "i * {LIVE} at my {KIN} 's", "i * {LIVE} in with my {KIN}", "i * {LIVE} to my {KIN}",
        "me and my {KIN|PARENT}? * {LIVE} with", "i * {LIVE} with my big|older sister|brother",
        "{LIVE} with my {KIN}", "{LIVE} at my {KIN}", "{LIVE} wiv my {KIN}", "i got put with",
        "i * move in with my {KIN}", "i * move in with", "i have to live with",
        "i have to stay with", "i * {LIVE} with family",
    ]),
    (YOUNG_PERSON, "yp_money_for_me", 3, [
        "{GETMONEY} for me", "{GETMONEY} for look after me", "{GETMONEY} to look after me",
        "{GETMONEY} for have me", "for look after me", "for have me", "cost my {KIN}",
        "money for me and my", "{GETMONEY} for me and my",
    ]),
    (YOUNG_PERSON, "yp_my_carer", 2, [
        "my carer", "my foster carer", "my kinship carer", "my special guardian", "my guardian",
        "my social worker", "my sw", "my family time worker", "my iro", "my advocate",
        "my independent reviewing officer", "my worker", "my key worker", "my keyworker",
        "my contact worker", "my personal adviser", "my corporate parent|parents",
        "my birth {PARENT}|family|parents", "my real {PARENT}|{KIN}|family|parents", "my pep",
        "my ehcp", "will|would my {ELDER}",
        "my {KIN} say", "my {KIN} tell me", "my {KIN} be always", "my {KIN} get", "my {KIN} be my",
        "my {KIN} have a", "my {KIN} can not help me", "my {KIN} * in trouble", "can my {KIN}",
        "be my {KIN} allow", "call my {KIN}",
    ]),
    (YOUNG_PERSON, "yp_my_parent", 2, [
        "my {PARENT}", "mum can not", "dad can not",
    ]),
    (YOUNG_PERSON, "yp_go_home", 2, [
        "go home", "go back home", "come home", "go back to my", "can i go home",
        "live with my {PARENT}", "live on my own",
    ]),
    (YOUNG_PERSON, "yp_child_self", 3, [
        "i be a kid", "i be a child", "i be a teenager", "i be a teen", "i be a young person",
        "i be the child", "i be the kid", "be i adopt", "be i foster", "be i still in care",
        "be i in kinship care", "be i a kinship child", "will i be adopt|foster",
        "will i go into care", "will i be put in care", "do not want to go into care",
        "kid like me", "i be in kinship care", "why * i have|get|need a social worker",
        "do not know why i have|get|need", "i have|get a social worker * do not know why",
        "kids like me", "child like me", "other kid", "other kids", "other child", "other children",
        "other young people", "young people like me", "i be in care", "be i in care",
        "be i a look after child", "look after child", "young carer", "young carers",
        "when i be 18", "when i turn 18", "when i be 16", "i be 18", "i be * care leaver",
        "be i * care leaver", "kid|kids|child|children like us",
    ]),
    (YOUNG_PERSON, "yp_my_say", 2, [
        "do i get a say", "get a say", "what i want", "ask me what i", "where i live",
        "who i live with", "where i {LIVE}", "choose to live", "choose where i",
        "i do not want to move", "i do not want to live", "i want to live", "i want my {PARENT}",
        "i want to go home", "i hate live", "my fault", "i * go to contact",
        "i do not want to go to contact|school", "i do not want to see my",
        "school i go to", "school i attend", "which school i",
        "i * a new|different|another school",
    ]),
    (YOUNG_PERSON, "yp_child_life", 2, [
        "my teacher", "my school trip", "my homework", "my birthday",
        "my class", "my little sister", "my little brother", "my big sister", "my big brother",
        "my brother", "my sister", "my step mum", "my step dad", "my stepmum", "my stepdad",
        "our mum", "our dad", "i be bully", "my pocket money", "me and my brother",
        "me and my sister", "my cousin and",
        "i * have to change|move|leave|go|start * school|schools",
        "i * have to change|move|leave|go|start * different|new|another school|schools",
        "i be|get * bully", "bully me", "pick on me", "laugh at me", "can i stay at my school",
        "what i think", "have my say", "my school", "my new school", "my old school", "my teachers",
        "my head of year", "my form tutor", "my lessons", "my exams", "my gcses", "my sats",
        "my mates", "my bestie", "my best friend", "in my class at school",
    ]),
    # ---- professional
    (PROFESSIONAL, "pro_client_word", 2, [
        "{STRICT}",
    ]),
    # ---- young person
    (YOUNG_PERSON, "yp_hint", 1, [
        "at school", "for me", "about me", "see mum", "see dad", "miss mum", "miss dad",
        "with mum", "with dad", "mum say", "dad say", "my friend", "my friends",
    ]),
    (YOUNG_PERSON, "yp_hello", 0.5, [
        "hi", "hello", "please", "ok",
    ]),
    # Things done to "me" by the adults who decide or look after: "who is in charge of me",
    # "my gran won't let me", "social services took me away".
    (YOUNG_PERSON, "yp_cared_for_me", 2, [
        "in charge of me", "responsible for me", "decide for|about me", "take me away|off",
        "adopt me", "foster me", "my {ELDER} * make|take|buy|give|shout|ground|pick|drop me",
        "my {ELDER} * let me go|have|stay|do|see|play|out|use|get|keep|watch|sleep|come",
        "meeting|meetings|review|reviews|court|decision|decisions about me",
    ]),
    # Seeing the family they do not live with: "can i still see", "am i allowed to visit".
    (YOUNG_PERSON, "yp_contact", 2, [
        "can|will|do|could i still|ever|even {CONTACT} my|our",
        "can|could i ever|still * {CONTACT} my|our", "can|will|when * i get to {CONTACT} my|our",
        "be i allow to {CONTACT} my|our", "be i allow to go|stay|live|move|choose|change",
        "when can i {CONTACT} my|our", "when can i go home|back",
        "can i {CONTACT} my|our {KIN|PARENT}|family|siblings|cousins|brothers|sisters",
    ]),
    # What they will be made to do: "do i have to move", "will i have to leave".
    (YOUNG_PERSON, "yp_have_to", 1, [
        "do|will|would|must i have|need to move|change|go|live|stay|leave|call|see|visit",
        "be i go to have to", "do i have to", "will i have to",
    ]),
    (YOUNG_PERSON, "yp_growing_up", 2, [
        "when i be bigger|grown|adult", "when i be an adult", "when i grow up",
        "when i be a grown up", "when i leave school",
        "how old do|must i|you have|need to be to decide|choose|live|leave|move|stay|go|see",
        "what age can i",
    ]),
    # Asking whether the help is for them: "can young people use this", "only for grown ups?".
    (YOUNG_PERSON, "yp_for_kids_too", 2, [
        "for grown up|ups", "only for grown|adults",
        "can|do kid|kids|children|teenagers use|talk|ask|join",
        "can young people use|talk|ask|join", "help|for kid|kids|children|teenagers|teens too",
        "help|for young people too", "for people|kids|children my age",
    ]),
    # Help for teenagers or young people, or whether kids are allowed, asked about with nobody
    # else named: a hint only (carers ask it too: "activities for teenagers", "are kids allowed
    # at the group").
    (YOUNG_PERSON, "yp_for_teenagers", 1, [
        "be kid|kids|children|teenagers|teens allow", "be young people allow",
        "anything|something|stuff|group|groups|club|clubs|activities for teenagers|teens",
        "anything|something|stuff|group|groups|club|clubs|activities for young people",
    ]),
    # Home at a relative's, said from the child's side: "at my nans", "from my aunts house".
    (YOUNG_PERSON, "yp_at_kin_home", 2, [
        "at|from|to|round my {ELDER} 's? house|place|home?", "my {ELDER} 's house|place|home",
        "we * {LIVE} with|at my {ELDER}", "us at|with {ELDER}", "live|stay at {ELDER}",
    ]),
    # Asking what a word means: "what does kinship mean", "what does CAO stand for". A hint
    # only: carers ask it too ("what does means test mean"), and "what does that mean for us"
    # asks about the writer's own case (not counted, see `~`).
    (YOUNG_PERSON, "yp_word_meaning", 1, [
        "what do ~ mean", "what do ~ ~ mean", "what do ~ ~ ~ mean", "what do ~ stand for",
        "what do ~ ~ stand for",
    ]),
    # Asking for words a child understands: "in easy words", "explain it like I'm 5".
    (YOUNG_PERSON, "yp_easy_words", 2, [
        "in easy|kid|kids|child words|word|language", "easy words|word", "easy way to understand",
        "like i be five|5", "like i be a kid|child",
    ]),
    # Plans and checks only a child in care or kinship care has, asked about for themselves.
    (YOUNG_PERSON, "yp_my_plan", 2, [
        "do|will|should|can|must i need|have|get * ehcp|pep",
        "ehcp|pep * do|will|should|can|must i need|have|get",
    ]),
    # Where they are at school, said of themselves: "i'm at secondary", "i go to primary".
    (YOUNG_PERSON, "yp_school_stage", 2, [
        "i be in|at primary|secondary|juniors|infants|high|sixth",
        "i go to primary|secondary|juniors|infants|high|sixth", "i be in year|yr",
    ]),
    # Childhood things: bedtime, sleepovers, pocket money, games and apps; "my ..." counts more.
    (YOUNG_PERSON, "yp_kid_stuff", 1, [
        "sleepover", "sleepovers", "pocket money", "bedtime", "xbox", "playstation", "ps5",
        "fortnite", "roblox", "minecraft", "tiktok", "snapchat", "my phone", "a phone",
        "homework", "maths", "spelling", "spellings", "times table", "times tables",
        "detention", "packed lunch", "lunchbox", "breakfast club", "after school club",
        "homework club", "school bus", "party", "uni", "university", "grown up",
        "grown ups", "apprenticeship", "apprenticeships",
    ]),
    (YOUNG_PERSON, "yp_my_kid_stuff", 2, [
        "my bedtime", "my sleepover", "my xbox", "my playstation", "my ps5", "my tablet",
        "my ipad", "my pocket money", "my football", "my club", "my packed lunch",
        "my lunchbox", "my uniform", "my pe kit", "my school bag", "my reading book",
        "my {KIDROLE}", "my youth worker", "my {PEER|KIDROLE}|counsellor|nurse at school",
        "my school {KIDROLE}|counsellor|nurse",
        "i * in lessons|class", "i go|be|stay at|to breakfast|homework|after school? club",
    ]),
    # The grandparents seen from a child's side: "my nan is always tired", "my grandad is old".
    (YOUNG_PERSON, "yp_elder_state", 2, [
        "my {OLDKIN} * be|get|seem|seems {STATE}", "my {OLDKIN} can|will|do|does not",
        "my {OLDKIN} never", "my {OLDKIN} * work|works", "me and my {ELDER}",
        "my {ELDER} * can|do not afford|pay|drive",
        "my {ELDER} * keep say|tell|ask", "my half|step brother|sister|brothers|sisters|siblings",
    ]),
    # Comparing themselves with other children: "my mates live with their mum".
    (YOUNG_PERSON, "yp_peers", 3, [
        "my {PEER} * {LIVE}|have|see|visit * their {PARENT|OLDKIN}",
        "{OTHERS} * {LIVE}|have|see|visit * their {PARENT|OLDKIN}",
        "everyone|everybody|people|they * laugh at|tease|pick on", "my {PEER} * i do|can not",
        "my {PEER} at school", "kid|kids|people at my school",
        "my {PEER} {LIVE} with her|his|their {KIN|PARENT}",
    ]),
    # ---- professional
    (PROFESSIONAL, "pro_refer", 3, [
        "how do i {REFER}", "how can i {REFER}", "can i {REFER}", "{REFER} a", "make a {REFER}",
        "{REFER} pathway", "{REFER} route", "{REFER} form", "{REFER} directly",
        "professionals {REFER}", "{REFER} for a", "i want to {REFER}", "where can i {REFER}",
        "{REFER} them", "{REFER} her", "{REFER} him", "self {REFER}", "{REFER} to you",
        "send a {REFER}", "{REFER} to the|your", "do i send",
    ]),
    (PROFESSIONAL, "pro_our_clients", 3, [
        "one of our {CLIENT}", "one of my {CLIENT}", "our {STRICT}", "a {CLIENT} of mine",
        "a {STRICT} in my", "a child in my", "a child at my", "a child at our",
        "a {CLIENT} at our", "my {STRICT}", "our {WORKPLACE}",
        "a|the|one|our {CLIENT} i support|visit|mentor|teach|see|work|help|advise|know",
        "a|the|one|our {CLIENT} i be support|visit|mentor|teach|see|work|help",
        "of the {CLIENT} i", "on my caseload", "my caseload", "a family i work with",
        "families i work with", "family i work with", "i work with a", "i work with families",
        "i support a", "we support", "we see", "we have a child at|in|who", "we have a {STRICT}",
        "one of the children in my", "one of the children at", "child in my class", "in my class",
        "my tutor group", "our school", "at our", "our nursery", "our setting", "our surgery",
        "our practice", "our waiting room", "our clinic", "our service", "our team", "our charity",
        "in clinic", "our families", "our carers", "for our staff", "training for staff",
        "my patient", "a patient", "my client", "a client", "my tenant", "a tenant", "my mentee",
        "my young people", "one of my young people", "a {CLIENT} in year", "a {STRICT} told me",
        "a {STRICT} 's", "a {STRICT} has", "a year # {CLIENT}", "year # lad", "year # girl",
        "year # boy", "i teach", "{STRICT} 's", "i have a|an {STRICT}|family who|whose|that",
        "{CLIENT} we support|see|work|visit|help", "families we", "carers we",
        "one of its|their {CLIENT}", "a|the service user", "service user 's",
        "a|the school|nursery|gp|practice|service|setting|team|surgery * {REFER}|request|flag",
        "schools|nurseries|gps|professionals|agencies|practitioners|services * {REFER}|request",
        "{REFER} from schools|professionals|agencies|partners|services|nurseries|gps|health",
    ]),
    (PROFESSIONAL, "pro_role", 3, [
        "i be a {ROLE}", "i be an {ROLE}", "i be the {ROLE}", "i be {ROLE}",
        "i be a|an|the * {ROLE}", "i work in|at|for {ROLE}", "as a {ROLE}", "as the {ROLE}",
        "{ROLE} here", "{ROLE} ,", "{ROLE} -", "{ROLE} asking", "{ROLE} look for", "{ROLE} want",
        "{ROLE} wanting", "{ROLE} :", "{ROLE} from", "{ROLE} at|in|with a|an|the|our",
        "i be from the|our|a * team|service|surgery|practice|school|nursery",
        "ta at|in a|an|the|our", "ta here", "ta ,", "i work in|at|for a|an|the {WORKPLACE}",
        "i work in|at|for {WORKPLACE}", "i work in|at|for a|an|the * {WORKPLACE}",
        "we work with families|carers|children", "on behalf of a|an|the",
        "i be contact you on behalf", "i work in|at|for a|the primary|secondary|high school",
        "i work in|at|for the|a {ROLE}", "i run a", "i work with families", "in my role", "my role",
        "i be from the|a|an|our * {WORKPLACE|ROLE}", "i be from {ROLE}", "as his|her|their {ROLE}",
        "professionals", "professional", "we be a|an * {WORKPLACE}", "i be work with",
        "i coordinate|manage|lead|deliver|facilitate|supervise a|an|the|our",
        "i volunteer at|for|with|in", "a colleague", "my colleague", "my colleagues",
        "my line manager", "our staff", "i work in|at|for|on * * {WORKPLACE}",
        "i work in|at|for|on * * {ROLE}",
        "we run|provide|offer|deliver|host a|an|the * {WORKPLACE}|session|club|course|bank|project",
        "we run|provide|offer|deliver|host a|an|the * programme|provision|drop",
        "hi|hello|greeting from the|a|an|our? * {WORKPLACE|ROLE}",
        "one|question|query|enquiry|request from a|an {ROLE}", "for staff|colleagues|practitioners",
        "staff training", "training for staff", "we be a|an * provider",
    ]),
    # Words of the job: safeguarding, caseloads, plans and meetings, kinship families as a group.
    (PROFESSIONAL, "pro_jargon", 1, [
        "safeguarding", "caseload", "child in need", "cin", "child protection", "cp plan",
        "strategy meeting", "section 17|20|47", "s17", "s20", "s47", "team around the family",
        "tac", "early help assessment", "eha", "mash", "lado", "consent to share",
        "information sharing", "colleague", "colleagues", "staff", "kinship children",
        "kinship families", "kinship households", "children in kinship care",
        "families in kinship care", "cohort", "leaflet", "leaflets", "poster", "posters",
        "connected person", "connected persons", "reg 24", "regulation 24", "previously look after",
        "i work at|in|for|on", "flag", "flagged", "clarification", "evidence", "eligibility",
        "criteria", "pathway", "our offer", "your offer", "0-19",
    ]),
    (PROFESSIONAL, "pro_support_someone", 2, [
        "who can help them", "where can i signpost", "what can we tell|offer|give|say",
        "who can we", "can we point", "we point", "point them to", "signpost them", "i support a",
        "i be help a", "help a client", "represent a", "advise a", "leaflets for", "send leaflets",
        "for a family", "for the family", "a family i", "the family i", "a kinship family",
        "a kinship carer", "the kinship carer", "has disclosed", "have disclose", "disclose",
        "a grandmother", "a grandad", "a grandfather", "an aunt", "an uncle", "a nan",
        "an grandmother", "a grandparent", "the grandmother", "great aunt", "her grandson",
        "his grandson", "her granddaughter", "his granddaughter", "her nephew", "his nephew",
        "her niece", "his niece", "their grandchild", "her grandchild", "the maternal",
        "the paternal", "maternal", "paternal", "this|these {OTHERKIN}",
        "the carer|carers|grandparent|grandparents|grandmother|grandfather|couple|lady",
        "the young person", "she|he be|have * {LOOK} after? her|his",
        "a child|pupil|student|young|baby|boy|girl * on|under a|an|the sgo|child|special|cao",
        "carers * keep ask|asking", "carers ask us|me", "what can|should|do we tell|offer|give|say",
        "our * {ORGROLE}",
        "they be|have * {LOOK} after? their", "she|he|they be care for",
    ]),
    # ---- carer
    (CARER, "carer_my_children", 3, [
        "my {CHILDREN}", "my great {CHILDREN}", "our {CHILDREN}", "our great {CHILDREN}",
        "my great - {CHILDREN}", "my {OWN} be in", "my {OWN} can not", "my {OWN} 's",
        "my {OWN} be on", "my {OWN} have", "my {OWN} 'll", "my {KIN|FRIEND|OWN} 's? {CHILDWORD}",
        "my {KIN} 's kid", "my {KIN} 's child", "my {KIN} 's boy", "my {KIN} 's girl",
        "my {KIN} 's baby", "my {KIN} 's son", "the {CHILDREN}", "my {KIN} 's daughter",
        "my {KIN} 's children", "my friend 's", "my best friend 's", "my {KIN} 's two|three|2|3",
        "my {OWN} 's kid",
    ]),
    (CARER, "carer_i_look_after", 3, [
        "i {LOOK} after", "i be {LOOK} after", "i be {LOOK} for", "i have {LOOK} after",
        "i be raise", "i raise", "we be raise", "we {LOOK} after", "we be {LOOK} after",
        "i have his|her|their|the|my", "i have get his|her|their", "i have have him|her|them",
        "{LOOK} after my", "{LOOK} for my", "raise my", "i be care", "i care for",
        "i be his|her|their nan|grandad|aunt|uncle|carer|guardian|special",
        "i be the special guardian", "i be a special guardian", "i be a kinship carer",
        "i be the {CHILDWORD} 's maternal|paternal|great|step? {KIN}|grandmother|grandfather",
        "i be their|his|her maternal|paternal|great|step {KIN}|grandmother|grandfather",
        "i be a nan|grandad|grandparent|grandparents|aunt|uncle|carer",
        "i be a great|single|kinship", "i be a foster carer", "we be foster carer",
        "i be a family and friends", "i be a family and friend", "as a nan|grandad|grandparent",
        "i have a child arrangement order", "i have a special guardianship", "i have an sgo",
        "we have an sgo", "we have my {CHILDREN}", "live with me", "live with us", "stay with me",
        "stay with us", "be with me", "be with us", "come to live with us", "come to live with me",
        "have been with me", "in my care", "in our care", "my husband", "my wife", "my partner",
        "apply for a|an sgo|sgos|order|cao|special|child|residence|guardianship", "i should apply",
        "i want to apply", "can i apply", "i have apply", "carer 's allowance", "carers allowance",
        "carer allowance", "my carer 's allowance", "i work full time", "time off work",
        "my employer", "my job", "other grandparents", "grandparents raise", "same boat",
    ]),
    # Asking to be referred, not to refer: "how do i get a referral", "can we be referred".
    (CARER, "carer_referred", 3, [
        "get|need|want a {REFER}", "be|get {REFER}", "{REFER} me|us", "{REFER} for my",
    ]),
    # Being assessed or approved themselves: "I'm being assessed as a connected person".
    (CARER, "carer_assessed", 3, [
        "i|we be|have|will|would|may|might|could|should be assess|approve",
        "i|we be go to be assess|approve", "i|we be assess|approve", "for be assess|approve as",
    ]),
    # Comparing with a friend who gets money or help for the same: a carer among carers ("my
    # friend gets a different allowance"); the allowance is a carer's word, children say "paid".
    (CARER, "carer_peer_gets", 2, [
        "my {FRIEND} * get|receive|claim a|an|the|her|his? something|more|less|different|paid",
        "my {FRIEND} * get|receive|claim a|an|the|her|his? money|allowance|payment|benefit",
    ]),
    (CARER, "carer_allowance", 1, [
        "allowance", "allowances",
    ]),
    # Help for carers asked for as one of them: "what support is available to special guardians".
    (CARER, "carer_for_carers", 1, [
        "available|offer|open to|for special guardians|guardian",
        "available|offer|open to|for guardians|carers|grandparents|kinship",
    ]),
    # Carers naming themselves among others: "carers like me", "grandparents like us".
    (CARER, "carer_self", 3, [
        "carer|carers|grandparent|grandparents|nan|grandad|aunt|uncle|guardian like me|us",
        "kinship carer|carers like me|us", "i be {ELDER}|grandmother|grandfather|grandma to",
        "{ELDER}|grandmother|grandfather here", "{ELDER} and {ELDER} here",
    ]),
    (CARER, "carer_the_children", 2, [
        "the kid", "the kids", "the children", "the little one", "the baby", "the boys",
        "the girls", "want|have|take|get them|him|her back", "her mum", "his mum", "her dad",
        "his dad", "their mum", "their dad",
    ]),
]
_LISTS["ROLE"] = [r for r in _ROLES if " " not in r]
# Workers a carer also calls "our ..." ("our social worker", "our GP") are not in ORGROLE.
_LISTS["ORGROLE"] = [
    r
    for r in _LISTS["ROLE"]
    if r not in set(
        "worker sw keyworker gp doctor nurse hv solicitor lawyer barrister navigator advocate "
        "practitioner therapist counsellor counselor iro teacher headteacher dentist "
        "pharmacist physio psychologist paediatrician pediatrician consultant".split()
    )
]
# fmt: on


@lru_cache(maxsize=1)
def _nlp() -> spacy.Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


@lru_cache(maxsize=1)
def _pipeline() -> tuple[spacy.Language, Matcher]:
    nlp = _nlp()
    matcher = Matcher(nlp.vocab)
    for label, cue, _, patterns in _RULES:
        matcher.add(f"{label}|{cue}", [_tokens(p) for p in patterns])
    # Multi-word roles, clients and workplaces are matched as phrases in their own slots.
    for label, cue, phrases in (
        (PROFESSIONAL, "pro_role", _ROLES),
        (PROFESSIONAL, "pro_our_clients", _CLIENTS),
    ):
        multi = [p for p in phrases if " " in p]
        specs = []
        for phrase in multi:
            words = [{"LOWER": _pattern_word(w)} for w in phrase.split()]
            if label == PROFESSIONAL and cue == "pro_role":
                specs += [
                    [
                        {"LOWER": "i"},
                        {"LOWER": "be"},
                        {"LOWER": {"IN": ["a", "an", "the"]}, "OP": "?"},
                        *words,
                    ],
                    [
                        {"LOWER": "i"},
                        {"LOWER": "be"},
                        {"LOWER": {"IN": ["a", "an", "the"]}},
                        {"OP": "{,3}"},
                        *words,
                    ],
                    [
                        *words,
                        {
                            "LOWER": {
                                "IN": ["here", ",", "-", ":", "asking", "want", "wanting", "look"]
                            }
                        },
                    ],
                    [{"LOWER": "as"}, {"LOWER": {"IN": ["a", "an", "the"]}}, *words],
                    [
                        {"LOWER": {"IN": ["one", "question", "query", "enquiry", "request"]}},
                        {"LOWER": "from"},
                        {"LOWER": {"IN": ["a", "an", "the", "our"]}},
                        *words,
                    ],
                    [
                        {"LOWER": "i"},
                        {"LOWER": "be"},
                        {"LOWER": "from"},
                        {"LOWER": {"IN": ["a", "an", "the", "our"]}, "OP": "?"},
                        *words,
                    ],
                    [
                        {"LOWER": "i"},
                        {"LOWER": "work"},
                        {"LOWER": {"IN": ["in", "at", "for"]}},
                        {"LOWER": {"IN": ["a", "an", "the"]}, "OP": "?"},
                        *words,
                    ],
                ]
            else:
                specs += [
                    [{"LOWER": {"IN": ["our", "my"]}}, *words],
                    [{"LOWER": "one"}, {"LOWER": "of"}, {"LOWER": {"IN": ["our", "my"]}}, *words],
                ]
        if specs:
            matcher.add(f"{label}|{cue}", specs)
    return nlp, matcher


def _fold(text: str) -> list[str]:
    """The message as lower-case lemmas with text-speak folded."""
    nlp = _nlp()
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"(\d)\s*(yo|yr|yrs|y/o)\b", r"\1 year old", text, flags=re.IGNORECASE)
    words: list[str] = []
    for token in nlp.tokenizer(text):
        words += _key(token.lower_)
    # "pupil premium" names a grant, not a pupil
    for i in range(len(words) - 1, 0, -1):
        if words[i - 1 : i + 1] == ["pupil", "premium"]:
            words[i - 1 : i + 1] = ["pupil-premium"]
    family = set(_CARER_KIN) | set(_PARENT)
    for i, word in enumerate(words[:-1]):
        before = words[i - 1] if i else ""
        if word == "me" and words[i + 1] in family and before in _ME_AS_MY_AFTER:
            words[i] = "my"
    return words


def _text_speak(text: str) -> float:
    """How much the spelling looks like a young writer's text-speak (see `_TEXT_SPEAK`)."""
    found = {t.lower_ for t in _nlp().tokenizer(text)} & _TEXT_SPEAK.keys()
    return min(TEXT_SPEAK_MAX, sum(_TEXT_SPEAK[w] for w in found))


def _key(lower: str, lemma: str | None = None) -> list[str]:
    """One word as the rules see it (possibly two words: "cant" -> "can not")."""
    if lower in _FOLD:
        return _FOLD[lower].split()
    if lower in {"'s", "s"}:
        return ["'s"]
    if lower in _KEEP_AS_WRITTEN or lower[:1].isdigit():
        return [lower]
    if lemma is None:
        lemma = _lemma_table().get(lower, lower)
    return [_FOLD.get(lemma, lemma)]


@lru_cache(maxsize=1)
def _lemma_table():
    nlp = _nlp()
    return nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup")


def _pattern_word(word: str) -> str:
    """A word of a pattern as the rules see it (patterns are written in plain words)."""
    folded = _key(word)
    return folded[0] if len(folded) == 1 else word


# Words whose lookup lemma would lose the meaning the rules need.
_KEEP_AS_WRITTEN = {"as", "us", "me", "her", "his", "our", "their", "left", "number", "people"}


def _doc(text: str) -> Doc:
    nlp = _nlp()
    words = _fold(text)
    return Doc(nlp.vocab, words=words or [""])


# fmt: off
_NUMBER = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17,
}
# A number followed by one of these is not an age ("13 weeks", "3 kids", "2 miles").
_NOT_AGE = {
    "week", "weeks", "day", "days", "month", "months", "minute", "minutes", "hour", "hours", "%",
    "st", "nd", "rd", "th", "child", "children", "kid", "kids", "grandchild", "mile", "miles",
    "time", "times", "o'clock", "pm", "pound", "pounds", "£",
}
# fmt: on


def _as_number(word: str) -> int | None:
    if word.isdigit() and len(word) <= 2:
        return int(word)
    return _NUMBER.get(word)


def stated_age(words: list[str]) -> float | None:
    """The writer's own age: "I'm 13", "i am 10 years old", "I'm in year 8" (school year + 4,
    the younger age of that year), "year 10 here". Never someone else's age ("my grandson is
    12", "a year 4 girl"), nor an age to come ("when I'm 18")."""
    for i, word in enumerate(words):
        number = _as_number(word)
        if number is None or not 1 <= number <= 99:
            continue
        after = words[i + 1] if i + 1 < len(words) else ""
        if after in _NOT_AGE or after == "of":  # "year 2 of my degree"
            continue
        before = words[:i]
        if before and before[-1] in _HEDGES:
            before = before[:-1]
        said_by_me = before[-2:] == ["i", "be"]
        if said_by_me and before[-3:-2] and before[-3] in _FUTURE:
            continue
        if said_by_me and 4 <= number:
            return float(number)
        # "i be in year 8", "year 10 here", "yr 7 and ..."
        if before[-1:] == ["year"] and number <= 13:
            start = before[:-1]
            if start[-1:] == ["in"]:
                start = start[:-1]
            if start[-2:] == ["i", "be"] or not [w for w in start if w not in _GREETINGS]:
                return float(number + 4)
        # "10 year old here" at the start
        if words[i + 1 : i + 3] == ["year", "old"] and not [
            w for w in before if w not in _GREETINGS
        ]:
            return float(number)
    return None


_GREETINGS = {"hi", "hello", "ok", "so", ",", ".", "!", "um", "erm", "well"}
_FUTURE = {"when", "until", "till", "once", "after", "before", "if", "til"}
_HEDGES = {"nearly", "almost", "only", "just", "about", "now", "turning"}


@lru_cache(maxsize=512)
def detect(text: str) -> Guess:
    """The audience the words of one message show clearly, or `None` (cached: one reply asks
    several times)."""
    if not text or not text.strip() or text.strip().startswith("/"):
        return Guess(None)
    _, matcher = _pipeline()
    doc = _doc(text)
    words = [t.text for t in doc]
    scores = {YOUNG_PERSON: 0.0, PROFESSIONAL: 0.0, CARER: 0.0}
    cues: list[str] = []
    weights = {f"{label}|{cue}": weight for label, cue, weight, _ in _RULES}
    seen: set[str] = set()
    for match_id, start, end in matcher(doc):
        key = doc.vocab.strings[match_id]
        if key == f"{CARER}|carer_self" and start and doc[start - 1].text in {"young", "my"}:
            continue  # "young carers like me", "my nan here says hi"
        if key.startswith(YOUNG_PERSON) and end < len(doc) and doc[end].text == "'s":
            continue  # "a child's social worker"
        if key == f"{CARER}|carer_i_look_after" and _looks_after_an_elder(words, end):
            continue  # "i look after my nan too": a young carer, not a kinship carer
        if key == f"{PROFESSIONAL}|pro_role" and _someone_elses_role(words, start):
            continue  # "the child's social worker, ...": someone else's role, not the writer's
        if key in seen:  # each cue counts once
            continue
        seen.add(key)
        label, cue = key.split("|")
        scores[label] += weights[key]
        cues.append(cue)
    if _introduces_a_role(words):
        key = f"{PROFESSIONAL}|pro_role"
        if key not in seen:
            scores[PROFESSIONAL] += weights[key]
            cues.append("pro_role")
    speak = _text_speak(text)
    if speak:
        scores[YOUNG_PERSON] += speak
        cues.append("yp_text_speak")
    age = stated_age(words)
    if age is not None:
        if age <= CHILD_MAX_AGE:
            scores[YOUNG_PERSON] += 4
            cues.append("yp_age")
        elif age >= ADULT_MIN_AGE:
            scores[CARER] += 4
            scores[YOUNG_PERSON] = 0.0
            cues.append("adult_age")
    return Guess(_decide(scores, cues), scores, cues, age)


_ELDERS = {"nan", "grandad", "grandparents", "mum", "dad", "parent", "parents"}
# Words before a role that make it someone else's: "the child's social worker, ...", "my GP -".
_SOMEONE_ELSES = {"'s", "my", "the", "his", "her", "their", "your"}


def _someone_elses_role(words: list[str], start: int) -> bool:
    """A role cue starting at `start` names someone else's role: before it (and before the other
    words of the role, "social" of "social worker") comes "'s", "my", "the" ..."""
    role_words, _ = _role_words()
    inside = {w for role in role_words for w in role}
    i = start - 1
    while i >= 0 and words[i] in inside:
        i -= 1
    return i >= 0 and words[i] in _SOMEONE_ELSES


def _looks_after_an_elder(words: list[str], end: int) -> bool:
    """The words a "look after" cue ends on go on to name a parent or grandparent, not a child
    ("i look after my nan", "i care for my mum"); not "my nan's kids"."""
    rest = words[end : end + 3]
    if rest[:1] == ["my"]:
        rest = rest[1:]
    elif words[end - 1 : end] != ["my"]:
        return False
    return bool(rest) and rest[0] in _ELDERS and rest[1:2] != ["'s"]


# Words that end a role named at the start of a message ("Health visitor here", "SENCO query -",
# "Keyworker at Barnardo's.", "Designated teacher for ...").
_INTRO_END = set(
    ". , - : here query question enquiry ask asking look at for from in with of base based work "
    "working cover write enquire seek hope wonder run call on".split()
)
# A team or service named at the start stands for its worker: "Mental health support team in
# schools - ...", "Family hub team here"; only before these words.
_TEAM_WORDS = {"team", "service", "unit", "department", "hub"}
_TEAM_END = {".", ",", "-", ":", "here", "in", "at"}
# Words that cannot come before such a role: then it is someone else's ("my teacher", "the
# school's SENCO", "a nurse").
_NOT_BEFORE_INTRO = set(
    "my i me the a an his her their your our 's no not what who where how why when be do can you "
    "explain need want any about get find see to is".split()
)
# After "for", words that make it a need, not a role: "health visitor for the baby".
_NOT_AFTER_FOR = set(
    "a an the my her his their our me us him them kids children child baby toddler grandchildren "
    "grandson granddaughter".split()
)
_GREETING_WORDS = {"hi", "hello", "good", "morning", "afternoon", "evening", "dear", ",", "."}


@lru_cache(maxsize=1)
def _role_words() -> tuple[frozenset[tuple[str, ...]], int]:
    roles = {tuple(_pattern_word(w) for w in r.split()) for r in _ROLES}
    return frozenset(roles), max(len(r) for r in roles)


def _introduces_a_role(words: list[str]) -> bool:
    """The message opens with the writer's role: up to five words ending on a role, then a full
    stop, "here", "at", "for" ... ("Paediatric secretary.", "Virtual school colleague from a
    neighbouring authority"). Not "my teacher said", "the school's SENCO wants"."""
    start = 0
    while start < len(words) and words[start] in _GREETING_WORDS:
        start += 1
    roles, longest = _role_words()
    head = words[start : start + 5]
    for end in range(1, len(head) + 1):
        if head[end - 1] in _NOT_BEFORE_INTRO:
            return False
        if start + end + 1 >= len(words):  # "Solicitor." alone asks about solicitors
            return False
        if words[start + end] not in _INTRO_END:
            continue
        if words[start + end] == "for" and words[start + end + 1] in _NOT_AFTER_FOR:
            continue
        if any(tuple(head[end - size : end]) in roles for size in range(1, min(longest, end) + 1)):
            return True
        if end > 1 and head[end - 1] in _TEAM_WORDS and words[start + end] in _TEAM_END:
            return True
    return False


# Cues of the carer's own family or own referral: a professional needs more than these to win
# ("How do I make a referral for my granddaughter", "my grandson's teacher wants a meeting").
_CARER_OWN = {"carer_my_children", "carer_referred", "carer_self"}


def _decide(scores: dict[str, float], cues: Iterable[str] = ()) -> str | None:
    young, pro, carer = scores[YOUNG_PERSON], scores[PROFESSIONAL], scores[CARER]
    # A role or "our pupils" outweighs family words: professionals talk about families; but on
    # a tie the carer's own grandchild ("my grandson") wins.
    beats_carer = pro > carer or (pro == carer and not _CARER_OWN & set(cues))
    if pro >= 3 and beats_carer and pro >= young - 1:
        return PROFESSIONAL
    if young >= 2 and young > carer:
        return YOUNG_PERSON
    if carer >= 3 and carer >= young:
        return CARER
    return None
