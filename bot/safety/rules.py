"""Safety rules: spaCy Matcher patterns over lower-case forms and lemmas.

Patterns are written in a small notation, one string per pattern, tokens separated by spaces:

    w:a|b      the token's lower-case form is one of a, b
    l:a|b      the token's lemma is one of a, b
    $NAME      lower-case form in the lexicon set NAME        %NAME  lemma in lexicon set NAME
    $NAME|w:a|b  the set NAME plus the words a, b             %NAME|l:a|b  likewise for lemmas
    re:RX      lower-case form matches the regular expression RX
    *          any one token
    OBJ        a person as object: "me/him/her/them/..." or "[the/my/...] [little/...] grandson"
    CHILDOBJ   like OBJ but a child: "him/her/them" or "[the/my] [little] baby"
    OBJ?       an optional OBJ (likewise CHILDOBJ?)
A token may end in an operator: ?  (optional), or {m,n} (between m and n times).

Each rule names a category; flags say which context checks apply (see engine.py):
    neg_inside  the pattern itself holds a negation ("do not feel safe"), so no negation check
    nominal     a bare topic word ("domestic abuse"), dropped in general questions with no person
    harm        a harm verb: also dropped with a non-person subject ("the bills battered us"),
                in an accident ("hurt himself playing football")
    check       extra test on the match (a function in this module)
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import lexicon as lx


@dataclass(frozen=True)
class Rule:
    name: str
    category: str
    patterns: tuple[str, ...]
    neg_inside: bool = False
    nominal: bool = False
    harm: bool = False
    check: Callable | None = field(default=None, compare=False)


_SETS = {
    "CHILD": lx.CHILD,
    "ADULT": lx.ADULT,
    "PERSON": lx.PERSON,
    "OBJ_PRON": lx.OBJ_PRON,
    "REFLEXIVE": lx.REFLEXIVE,
    "DET": lx.DET,
    "ADJ": lx.ADJ,
    "PERSON_SUBJ": lx.PERSON_SUBJ,
    "BODY": lx.BODY,
    "HARM": lx.HARM_VERBS - {"abuse", "neglect", "molest", "rape", "kill", "murder", "shoot"},
    "THREAT": lx.THREAT_VERBS | {"grab", "acid", "throttle", "snatch"},
    "INTOX": lx.INTOX,
    "SELF_HARM_BODY": lx.SELF_HARM_BODY,
    "SELFHARM_VERB": {
        "kill",
        "hurt",
        "harm",
        "cut",
        "burn",
        "starve",
        "hang",
        "stab",
        "drown",
        "slice",
        "slit",
        "scratch",
        "punch",
        "hit",
        "shoot",
        "poison",
        "overdose",
        "suffocate",
        "strangle",
        "unalive",
        "carve",
    },
    "CARER_HARM": {
        "hurt",
        "harm",
        "hit",
        "shake",
        "smack",
        "kill",
        "strangle",
        "slap",
        "punch",
        "kick",
        "throttle",
        "batter",
        "beat",
        "smother",
        "suffocate",
        "throw",
        "thump",
        "whack",
        "murder",
        "choke",
    },
    "BE": {"be", "get"},
    "MALE_ADULT": {
        "dad",
        "father",
        "stepdad",
        "stepfather",
        "uncle",
        "boyfriend",
        "partner",
        "man",
        "fella",
        "bloke",
        "guy",
        "grandad",
        "granddad",
        "grandpa",
        "he",
        "ex",
        "brother",
        "stepbrother",
        "cousin",
        "lodger",
        "someone",
        "husband",
    },
    "DRUG": {
        "tablet",
        "pill",
        "paracetamol",
        "painkiller",
        "medication",
        "medicine",
        "methadone",
        "ibuprofen",
        "aspirin",
        "capsule",
        "drug",
        "co-codamol",
        "codeine",
        "sleeping",
        "antidepressant",
        "med",
        "meds",
        "prescription",
        "sertraline",
        "diazepam",
        "valium",
        "tramadol",
        "morphine",
        "oxycodone",
        "fluoxetine",
        "citalopram",
        "lithium",
        "amitriptyline",
        "zopiclone",
        "insulin",
    },
    "FEAR": {"scared", "afraid", "frightened", "terrified", "petrified", "worried"},
    "MODAL": {"will", "might", "may", "could", "can", "shall", "would"},
    "QUANT": {
        "load",
        "loads",
        "lot",
        "lots",
        "bunch",
        "handful",
        "bottle",
        "box",
        "packet",
        "tub",
        "pack",
        "strip",
        "whole",
        "all",
        "number",
        "some",
        "few",
        "couple",
        "ten",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "hundred",
        "dozen",
        "too",
        "many",
        "much",
        "entire",
        "every",
    },
    "STRONG_FEAR": {"scared", "afraid", "frightened", "terrified", "petrified", "feared"},
    "MARKS": {
        "bruise",
        "bruises",
        "bruising",
        "marks",
        "mark",
        "burns",
        "burn",
        "cuts",
        "welts",
        "welt",
        "scratches",
        "bites",
        "injuries",
        "injury",
        "wounds",
        "wound",
        "lumps",
        "handprint",
        "handprints",
        "fingermarks",
        "swelling",
        "gash",
        "gashes",
    },
    # places on the body where a mark is rarely an everyday knock
    "SUSPECT_BODY": {
        "face",
        "neck",
        "throat",
        "back",
        "arm",
        "arms",
        "wrist",
        "wrists",
        "thigh",
        "thighs",
        "stomach",
        "tummy",
        "belly",
        "chest",
        "ear",
        "ears",
        "bottom",
        "bum",
        "cheek",
        "cheeks",
        "eye",
        "eyes",
        "ribs",
        "body",
        "legs",
        "torso",
        "skin",
        "shoulders",
        "upper",
        "inner",
        "hands",
        "feet",
        "genitals",
    },
    "SEX_BODY": {
        "bum",
        "bottom",
        "chest",
        "breasts",
        "boobs",
        "thigh",
        "thighs",
        "privates",
        "legs",
        "willy",
        "penis",
        "vagina",
        "bits",
        "crotch",
        "groin",
        "fanny",
        "body",
        "nipples",
    },
    "ONLINE": {
        "online",
        "snapchat",
        "snap",
        "tiktok",
        "instagram",
        "insta",
        "whatsapp",
        "discord",
        "facebook",
        "messenger",
        "roblox",
        "fortnite",
        "xbox",
        "playstation",
        "app",
        "game",
        "games",
        "internet",
        "dm",
        "dms",
        "dming",
        "webcam",
        "omegle",
        "telegram",
        "kik",
        "wink",
        "text",
        "texts",
        "texting",
        "messaging",
        "messages",
        "message",
        "messaged",
        "chatting",
        "phone",
    },
}

_MACROS = {
    "OBJ": ["$OBJ_PRON", "$DET? $ADJ{0,2} $PERSON"],
    "CHILDOBJ": ["w:him|her|them", "$DET? $ADJ{0,2} $CHILD"],
}

_OP = re.compile(r"^(.*?)(\?|\{\d*,?\d*\})?$")


def _token(spec: str) -> dict:
    body, op = _OP.match(spec).groups()
    if body == "*":
        tok: dict = {}
    elif body.startswith("w:"):
        tok = {"LOWER": {"IN": body[2:].split("|")}}
    elif body.startswith("l:"):
        tok = {"LEMMA": {"IN": body[2:].split("|")}}
    elif body.startswith("re:"):
        tok = {"LOWER": {"REGEX": body[3:]}}
    elif body.startswith("$"):  # "$SET" or "$SET|w:extra|words"
        name, _, extra = body[1:].partition("|w:")
        tok = {"LOWER": {"IN": sorted(_SETS[name] | set(extra.split("|") if extra else ()))}}
    elif body.startswith("%"):  # "%SET" or "%SET|l:extra|lemmas"
        name, _, extra = body[1:].partition("|l:")
        tok = {"LEMMA": {"IN": sorted(_SETS[name] | set(extra.split("|") if extra else ()))}}
    else:
        raise ValueError(f"bad token spec {spec!r}")
    if op:
        tok["OP"] = op
    return tok


def compile_pattern(text: str) -> list[list[dict]]:
    """Expand one pattern string into the Matcher patterns it stands for."""
    parts = []
    for spec in text.split():
        if spec in _MACROS:
            parts.append([[_token(s) for s in alt.split()] for alt in _MACROS[spec]])
        elif spec.endswith("?") and spec[:-1] in _MACROS:  # optional macro
            parts.append([[_token(s) for s in alt.split()] for alt in _MACROS[spec[:-1]]] + [[]])
        else:
            parts.append([[_token(spec)]])
    return [list(itertools.chain.from_iterable(combo)) for combo in itertools.product(*parts)]


# ---- extra checks: (doc, start, end) -> keep? -------------------------------------------------
_END_WORDS = {
    "now",
    "tonight",
    "today",
    "soon",
    "all",
    "and",
    "because",
    "i",
    "please",
    "right",
    "again",
    "this",
    "before",
}


def _next(doc, i):
    return doc[i].lower_ if i < len(doc) else None


def _at_clause_end(doc, end) -> bool:
    nxt = _next(doc, end)
    return nxt is None or doc[end].is_punct or nxt in _END_WORDS


_MISSING_OBJECTS = {
    "school",
    "a",
    "an",
    "the",
    "his",
    "her",
    "their",
    "my",
    "your",
    "our",
    "lessons",
    "lesson",
    "class",
    "classes",
    "out",
    "appointments",
    "appointment",
    "him",
    "them",
    "home",
    "mum",
    "dad",
    "me",
    "you",
    "it",
    "some",
    "any",
    "lot",
    "lots",
    "work",
    "form",
    "forms",
    "bits",
    "documents",
    "pieces",
    "something",
    "anything",
    "payment",
    "payments",
    "money",
    "piece",
    "page",
    "pages",
    "information",
    "info",
    "details",
    "contact",
    "sessions",
    "days",
    "meals",
    "breakfast",
    "teeth",
    "tooth",
    "friends",
    "family",
    "nan",
    "grandad",
    "brother",
    "sister",
    "people",
}


_NOT_PEOPLE = {
    "cat",
    "dog",
    "pet",
    "puppy",
    "kitten",
    "rabbit",
    "hamster",
    "tortoise",
    "budgie",
    "parrot",
    "bird",
    "fish",
    "parcel",
    "letter",
    "form",
    "forms",
    "payment",
    "money",
    "wallet",
    "purse",
    "phone",
    "keys",
    "bike",
    "coat",
    "shoe",
    "shoes",
    "passport",
    "document",
    "documents",
    "paperwork",
    "file",
    "cheque",
    "teddy",
    "toy",
}


def _missing_ok(doc, start, end):
    before = {t.lower_ for t in doc[max(0, start - 2) : start]}
    return _next(doc, end) not in _MISSING_OBJECTS and not before & _NOT_PEOPLE


def _run_away_ok(doc, start, end):
    before = {t.lower_ for t in doc[max(0, start - 4) : start]}
    # a toddler who "keeps running off in the supermarket"
    if _next(doc, end) in {"in", "at", "around", "round", "when", "whenever", "from"} and before & {
        "keeps",
        "keep",
        "kept",
        "always",
        "often",
    }:
        return False
    return not before & {
        "threaten",
        "threatening",
        "threatens",
        "threatened",
        "want",
        "wants",
        "talk",
        "talks",
        "talking",
        "about",
        "says",
        "said",
        "might",
        "will",
        "would",
        "could",
        "to",
    }


_LEGAL = {
    "court",
    "solicitor",
    "solicitors",
    "lawyer",
    "tribunal",
    "police",
    "social",
    "council",
    "ombudsman",
    "appeal",
    "hospital",
    "school",
    "report",
    "mp",
    "judge",
    "contact",
    "services",
    "paying",
    "money",
}


def _threat_obj_ok(doc, start, end):
    """ "threaten to take us back to court" is not a threat of harm."""
    after = {t.lower_ for t in doc[start : min(len(doc), end + 6)]}
    return not after & _LEGAL


def _take_ok(doc, start, end):
    verb_lemmas = {t.lemma_ for t in doc[start:end]}
    if verb_lemmas & {"take", "find"}:
        if not any(t.lower_ in lx.OBJ_PRON | lx.CHILD for t in doc[start : min(len(doc), end + 3)]):
            return False
        return _threat_obj_ok(doc, start, end)
    return True


def _end_it_ok(doc, start, end):
    return _at_clause_end(doc, end)


def _risk_ok(doc, start, end):
    nxt = _next(doc, end)
    if nxt != "of":
        return True
    after = {t.lemma_ for t in doc[end + 1 : end + 4]} | {t.lower_ for t in doc[end + 1 : end + 4]}
    return bool(
        after
        & (
            lx.HARM_VERBS
            | {
                "harm",
                "abuse",
                "exploitation",
                "danger",
                "violence",
                "being",
                "significant",
                "suicide",
                "selfharm",
            }
        )
    )


def _disappear_ok(doc, start, end):
    if _next(doc, end) == "for" and _next(doc, end + 1) in {"good", "ever"}:
        return True
    return _next(doc, end) not in {"for", "on", "to", "into", "off", "from", "with"}


def _make_pay_ok(doc, start, end):
    return _next(doc, end) not in {
        "back",
        "for",
        "the",
        "it",
        "towards",
        "rent",
        "money",
        "£",
        "more",
        "up",
        "extra",
        "tax",
        "bills",
        "a",
    }


def _terrified_ok(doc, start, end):
    return (
        _next(doc, end) in {None, ",", ".", "!", "and", "now", "right", "tonight", "of"}
        or doc[end].is_punct
    )


def _whereabouts_ok(doc, start, end):
    return _at_clause_end(doc, end)


def _wake_ok(doc, start, end):
    return _next(doc, end) not in {
        "for",
        "in",
        "on",
        "before",
        "early",
        "when",
        "at",
        "till",
        "until",
        "properly",
        "by",
        "to",
    }


def _intox_ok(doc, start, end):
    word = doc[end - 1].lower_
    if word == "high":
        nxt = _next(doc, end)
        if (
            nxt
            not in {
                None,
                "and",
                "again",
                "on",
                "with",
                "as",
                "off",
                "tonight",
                "now",
                "every",
                "all",
                "when",
                "while",
                "in",
                "at",
            }
            and not doc[end].is_punct
        ):
            return False
    # only with a child present: a child noun anywhere in the message (or a baby's things, or an
    # age in months), or "with them/her/him"
    words = {t.lower_ for t in doc}
    if re.search(r"\bmonths? ?-? ?old\b", doc.text):
        return True
    return bool(words & (lx.CHILD | {"driving", "car", "pram", "buggy", "nappy", "nappies", "cot"}))


def _abuse_noun_ok(doc, start, end):
    prev = doc[start - 1].lower_ if start else ""
    return prev not in {
        "substance",
        "drug",
        "drugs",
        "alcohol",
        "self",
        "verbal",
        "online",
        "racial",
        "child-on-parent",
    } and _next(doc, end) not in {
        "drugs",
        "alcohol",
        "video",
        "videos",
        "games",
        "game",
        "films",
        "film",
        "movies",
        "movie",
        "tv",
        "programmes",
        "shows",
        "content",
        "cartoons",
        "books",
        "music",
        "lyrics",
    }


def _weapon_ok(doc, start, end):
    return _next(doc, end) not in {
        "licence",
        "license",
        "crime",
        "skills",
        "safety",
        "and fork",
        "fork",
        "block",
        "drawer",
        "amnesty",
    }


def _no_food_ok(doc, start, end):
    return _next(doc, end) not in {
        "vouchers",
        "voucher",
        "bank",
        "money",
        "budget",
        "parcel",
        "parcels",
        "allergies",
        "allergy",
        "waste",
        "shopping",
    }


_SAME_PARTICIPLE = {"hit", "hurt", "cut", "beat", "shut", "burst", "set", "put", "thrust", "slit"}


def _participle_ok(doc, start, end):
    """The passive rule wants "is being beaten", not "the red tape is suffocating" or "this
    teething is torture" (a noun)."""
    last = doc[end - 1]
    if last.lower_.endswith("ing"):
        return False
    return last.lower_ != last.lemma_ or last.lower_ in _SAME_PARTICIPLE


def _removal_ok(doc, start, end):
    """ "says he's taking her" (away) but not "says he's taking her to the park"."""
    return _next(doc, end) not in {
        "to",
        "for",
        "swimming",
        "shopping",
        "out",
        "on",
        "into",
    } and _threat_obj_ok(doc, start, end)


_SEXUAL_CONTEXT = {
    "bedroom",
    "bed",
    "private",
    "privates",
    "naked",
    "secret",
    "bath",
    "shower",
    "sex",
    "sexual",
    "touch",
    "touches",
    "touched",
    "body",
    "clothes",
    "undressed",
}


def _sexual_ok(doc, start, end):
    """ "makes me do things" only counts in a sexual context ("in his bedroom", "naked")."""
    if any(t.lemma_ in {"make", "force", "get"} for t in doc[start : start + 1]) and not any(
        t.lower_ == "sex" for t in doc[start:end]
    ):
        return bool({t.lower_ for t in doc} & _SEXUAL_CONTEXT)
    return True


_TAKE_AWAY_NEXT = {
    "away",
    "off",
    "abroad",
    "from",
    "back",
    "forever",
    "and",
    "if",
    "unless",
    "when",
    "so",
    "then",
    "before",
    "now",
    "tonight",
    "again",
    "for",
    "out",
    "with",
    "where",
    "somewhere",
    "overseas",
    "too",
}
_TAKE_AWAY_THEN = {"good", "ever", "of"}  # "for good", "for ever", "out of the country"


def _future_ok(doc, start, end):
    """Future harm: "he will hurt her". Verbs with everyday meanings need more ("he will take
    her away", "she'll do him in", "he will break her legs")."""
    verb = doc[end - 1].lemma_
    after = [t.lower_ for t in doc[end : min(len(doc), end + 5)]]
    if verb in {"take", "find", "grab", "snatch", "get", "remove"}:
        if "force" in after and "by" in after:
            return True  # "remove him by force"
        if not after or after[0] not in lx.OBJ_PRON | lx.CHILD | lx.DET:
            return verb in {"snatch"}
        k = 1
        while k < len(after) and after[k] in lx.DET | lx.ADJ | lx.CHILD:
            k += 1
        nxt = after[k] if k < len(after) else None
        if nxt is None or (k < len(doc) - end and doc[end + k].is_punct):
            return _threat_obj_ok(doc, start, end)
        if nxt in {"for", "out"}:
            return k + 1 < len(after) and after[k + 1] in _TAKE_AWAY_THEN
        if verb == "get" and nxt not in {"for", "when", "if", "and", "back", "again", "too"}:
            return False
        return nxt in _TAKE_AWAY_NEXT and _threat_obj_ok(doc, start, end)
    if verb == "do":
        return (
            "in" in after[:3]
            or after[:2] == ["something", "to"]
            or after[:3] in (["something", "bad", "to"], ["something", "stupid", "to"])
        )
    if verb == "break":
        return bool(
            set(after)
            & {
                "neck",
                "legs",
                "leg",
                "arms",
                "arm",
                "jaw",
                "nose",
                "bones",
                "face",
                "head",
                "fingers",
                "skull",
                "back",
            }
        )
    if verb in {"kill", "murder"} and after and after[0] in {"me", "us"}:
        return not _jokey_kill(doc, end)
    if verb in {"end", "ruin"}:
        return (
            bool(after) and after[0] in lx.OBJ_PRON and (len(after) == 1 or doc[end + 1].is_punct)
        )
    return _threat_obj_ok(doc, start, end) or verb not in {"take", "get"}


_LAUGHTER = {
    "lol",
    "haha",
    "hahaha",
    "lmao",
    "lmfao",
    "rofl",
    "omg",
    "jk",
    "xd",
    "\U0001f602",
    "\U0001f923",
}
# what the writer might do that would make someone "kill" them: telling or leaving is a real threat
_DISCLOSE = {
    "tell",
    "told",
    "telling",
    "report",
    "grass",
    "snitch",
    "leave",
    "left",
    "go",
    "call",
    "ring",
    "phone",
    "speak",
    "talk",
    "say",
    "contact",
    "run",
    "take",
    "try",
    "see",
}


def _jokey_kill(doc, end) -> bool:
    """ "my sister will kill me, i borrowed her top", "she'll kill me if i forget her birthday",
    "he'll kill me lol": everyday hyperbole, not a threat. "he'll kill me if i tell" stays."""
    if {t.lower_ for t in doc} & _LAUGHTER:
        return True
    after = [t.lower_ for t in doc[end + 1 : end + 8] if not t.is_punct]
    if not after or after[0] not in {"if", "when", "cos", "because", "for", "i", "we"}:
        return False
    rest = after[1:] if after[0] not in {"i", "we"} else after
    if not rest or rest[0] not in {"i", "we"}:
        return False  # "when he finds out": someone else's act, a real threat
    skip = {"i", "we", "ever", "even", "have", "am", "just", "do", "did", "will", "not", "go"}
    while rest and rest[0] in skip - {"go"}:
        rest = rest[1:]
    return bool(rest) and rest[0] not in _DISCLOSE


_CHILD_WORDS = lx.CHILD | {"cot", "pram", "buggy", "kids"}


def _child_in_message(doc, start, end):
    return bool({t.lower_ for t in doc} & _CHILD_WORDS) or bool(
        re.search(r"\b(1[0-7]|[1-9]) year old\b", doc.text)
    )


def _child_in_message_or_pron(doc, start, end):
    return _child_in_message(doc, start, end) or bool(
        {t.lower_ for t in doc[max(0, start - 6) : end + 3]}
        & {"them", "her", "him", "they", "she", "he"}
    )


def _bleeding_ok(doc, start, end):
    nxt = _next(doc, end)
    return (
        nxt is None
        or doc[end].is_punct
        or nxt
        in {
            "from",
            "badly",
            "heavily",
            "lots",
            "loads",
            "everywhere",
            "a",
            "and",
            "again",
            "all",
            "really",
            "so",
            "out",
            "bad",
            "now",
            "please",
            "help",
            "i",
            "he",
            "she",
            "it",
            "quite",
            "internally",
            "still",
        }
    )


def _scared_home_ok(doc, start, end):
    """ "scared to go back" but not "scared to go back to school after the holidays"."""
    after = [t.lower_ for t in doc[end : end + 2]]
    return not (
        doc[end - 1].lower_ == "back"
        and after
        and (
            after[0] == "after"
            or after[:2]
            in (
                ["to", "school"],
                ["to", "work"],
                ["to", "college"],
                ["to", "nursery"],
                ["to", "uni"],
            )
        )
    )


def _fear_for_ok(doc, start, end):
    """ "terrified for her" / "scared for my grandson's safety", not "scared for him starting
    secondary school"."""
    nxt = _next(doc, end)
    return _at_clause_end(doc, end) or nxt in {
        "safety",
        "life",
        "lives",
        "with",
        "at",
        "when",
        "if",
        "because",
        "around",
        "near",
        "'s",
    }


_ONLINE_OR_CHILD = re.compile(r"\b(1[0-7]|[1-9]) year old\b")


def _grooming_ok(doc, start, end):
    """An adult or a stranger and a child: needs a child (or young age) in the message, or an
    online / message word."""
    words = {t.lower_ for t in doc}
    return (
        bool(words & _CHILD_WORDS)
        or bool(words & _SETS["ONLINE"])
        or bool(_ONLINE_OR_CHILD.search(doc.text))
        or bool(words & {"her", "him", "me"})
    )


_AWAY_FOR_A_REASON = {
    "school",
    "work",
    "job",
    "holiday",
    "holidays",
    "trip",
    "camp",
    "hospital",
    "prison",
    "respite",
    "residential",
    "sleepover",
    "uni",
    "university",
    "college",
    "festival",
    "sea",
}
_DISTRESS = {
    "answering",
    "answer",
    "picking",
    "phone",
    "missing",
    "police",
    "worried",
    "scared",
    "nobody",
    "idea",
    "frightened",
    "terrified",
    "worrying",
    "panicking",
    "panic",
    "help",
    "please",
    "midnight",
}


def _gone_since_ok(doc, start, end):
    """Someone is gone or not back: a child, or clear worry, and not a reason for being away
    ("away since friday on a school trip"); not "has not got back to me" (replied)."""
    if _next(doc, end) in {"to", "with", "about", "on", "re", "regarding", "into", "over", "up"}:
        return False
    words = {t.lower_ for t in doc}
    if words & _DISTRESS:
        return True
    return bool(words & _CHILD_WORDS) and not words & _AWAY_FOR_A_REASON


_INSTITUTIONS = {
    "council",
    "social",
    "worker",
    "office",
    "team",
    "navigator",
    "navigators",
    "solicitor",
    "school",
    "gp",
    "doctor",
    "surgery",
    "helpline",
    "line",
    "number",
    "nobody",
    "anyone",
    "housing",
    "they",
    "them",
    "dwp",
    "court",
    "front",
    "mash",
}


def _not_answering_ok(doc, start, end):
    """ "she is not answering her phone" (a child out), not "the council is not answering"."""
    words = {t.lower_ for t in doc}
    if words & _INSTITUTIONS - {"they", "them", "nobody", "anyone"}:
        return bool(words & {"missing", "gone", "midnight", "run", "ran", "since", "back"})
    return bool(words & (_CHILD_WORDS | {"he", "she"}))


def _whereabouts_person_ok(doc, start, end):
    toks = [t.lower_ for t in doc[start:end]]
    if "where" in toks:
        after = toks[toks.index("where") + 1 :]
        return bool(set(after) & (lx.CHILD | {"she", "he", "they"})) and _at_clause_end(doc, end)
    return True


def _threat_words_ok(doc, start, end):
    nxt = _next(doc, end)
    if doc[end - 1].lower_ == "dead":  # "you are dead right", "you are dead on"
        return nxt not in {
            "right",
            "on",
            "good",
            "lucky",
            "tired",
            "serious",
            "cute",
            "funny",
            "wrong",
            "clever",
            "posh",
            "quiet",
            "boring",
            "strict",
        }
    return True


def _domestic_ok(doc, start, end):
    """ "we are hiding in the bathroom" - the writer or the children hiding, not a sulking teen."""
    if doc[start].lower_ == "hiding" and doc[start + 1].lower_ != "from":
        before = {t.lower_ for t in doc[max(0, start - 3) : start]}
        return bool(before & ({"we", "i", "am", "me", "us", "all", "both"} | lx.CHILD))
    return True


_DATA_WORDS = {
    "details",
    "detail",
    "information",
    "info",
    "data",
    "address",
    "diagnosis",
    "income",
    "savings",
    "medical",
    "condition",
    "conditions",
    "records",
    "status",
    "sgo",
    "arrangement",
    "non",
    "nondisclosure",
    "finances",
    "benefits",
    "dbs",
    "convictions",
    "conviction",
}


def _disclosure_ok(doc, start, end):
    """A child's disclosure of harm, not "do I have to disclose my income"."""
    around = {t.lower_ for t in doc[max(0, start - 2) : min(len(doc), end + 4)]}
    return not around & _DATA_WORDS


def _not_safe_ok(doc, start, end):
    nxt = _next(doc, end)
    last = doc[end - 1].lower_
    if last == "safe" and nxt in {"online", "on", "while", "in", "from"}:
        return nxt == "from" or (
            nxt == "in"
            and _next(doc, end + 1) in {"the", "that", "this", "his", "her"}
            and _next(doc, end + 2) in {"house", "flat", "home"}
        )
    return True


def _intox_now_ok(doc, start, end):
    words = {t.lower_ for t in doc}
    if _next(doc, end) == "by":  # "hammered by the energy bill"
        return False
    if doc[start].lower_ == "passed":
        before = doc[start - 1].lower_ if start else ""
        if before in {"i", "nearly", "almost", "have", "had"}:
            return False
    return _child_in_message(doc, start, end) or bool(
        words & {"him", "her", "them", "door", "house", "contact", "home"}
    )


_GIFTS = {
    "cash",
    "money",
    "trainers",
    "phone",
    "phones",
    "clothes",
    "gifts",
    "presents",
    "vapes",
    "drugs",
    "weed",
    "jewellery",
    "designer",
    "gear",
    "alcohol",
    "vodka",
    "notes",
}


def _gifts_ok(doc, start, end):
    """ "won't say who gives him the cash and trainers": unexplained gifts (exploitation)."""
    return bool({t.lower_ for t in doc} & _GIFTS) and _child_in_message_or_pron(doc, start, end)


def _medical_ok(doc, start, end):
    return True


def _services_now_ok(doc, start, end):
    """Not a visit ("the police called round about his attendance") or a time before ("have
    been called before")."""
    return _next(doc, end) not in {"round", "by", "in", "at", "about", "out", "before", "to"}


def _carer_ok(doc, start, end):
    return True


def _despair_ok(doc, start, end):
    """Despair phrases with everyday uses: "no way out of debt", "not be around much longer,
    we are moving"; kept at a clause end or before a despairing word."""
    nxt = _next(doc, end)
    if nxt in {"of", "to", "because", "as", "since", "we", "the"} and doc[end - 1].lower_ in {
        "out",
        "longer",
        "long",
    }:
        return False
    return True


def _violence_more_ok(doc, start, end):
    toks = [t.lower_ for t in doc[start:end]]
    if (
        toks
        and toks[0] in {"went", "goes", "going", "go"}
        or (
            len(toks) > 1
            and toks[1]
            in {
                "went",
                "goes",
                "going",
                "go",
            }
        )
    ):
        # "went for her" (attacked her) but not "went for him to the shop" / "go for it"
        return _at_clause_end(doc, end)
    if "hide" in toks:
        return _at_clause_end(doc, end) or _next(doc, end) in {"from", "when", "whenever", "in"}
    if toks and toks[0] in {"hurt", "hit", "kick", "punch", "burn", "cut", "bite", "pinch"}:
        # another person did it: "my dad hurt my tummy", not "i hurt my back", "she cut her arm"
        subj = doc[start - 1].lower_ if start else ""
        owner = toks[-2] if len(toks) > 1 else ""
        same = {("i", "my"), ("he", "his"), ("she", "her"), ("they", "their"), ("we", "our")}
        if (subj, owner) in same or subj in {"", "i", "accidentally", "nearly"}:
            return False
        return subj in lx.PERSON_SUBJ or subj in {"he", "she", "they"}
    return True


_CHILD_NEEDS = {"hungry", "starving", "scared", "frightened", "alone", "crying", "cold"}


def _alone_more_ok(doc, start, end):
    toks = [t.lower_ for t in doc[start:end]]
    if (
        toks[0] in {"nobody", "no"}
        and toks[-1] in {"in", "home", "there", "around"}
        and not _at_clause_end(doc, end)
    ):
        return False
    return _child_in_message_or_pron(doc, start, end) or bool(
        {t.lower_ for t in doc} & _CHILD_NEEDS
    )


def _missing_more_ok(doc, start, end):
    if doc[end - 1].lower_ in {"bed", "beds", "room", "rooms", "bedroom"}:
        return _next(doc, end) not in {"yet", "until", "till", "because", "on", "at", "by"}
    return _gone_since_ok(doc, start, end)


_COLOURS_MEDICAL = {"blue", "grey", "lifeless", "floppy", "limp", "unresponsive", "purple", "white"}


def _medical_broader_ok(doc, start, end):
    toks = [t.lower_ for t in doc[start:end]]
    if toks[-1] in {"fitting", "seizing"}:
        return _at_clause_end(doc, end) or _next(doc, end) in {"again", "badly"}
    if toks[0] == "not" and toks[-1] == "moving":
        return _at_clause_end(doc, end)
    if toks[-1] in {"grey", "blue", "white", "purple", "colour"}:
        return _child_in_message(doc, start, end) or "lips" in {t.lower_ for t in doc}
    return True


R = Rule
RULES: tuple[Rule, ...] = (
    # ---- self-harm and suicide --------------------------------------------------------------
    R("self_harm_reflexive", "self_harm", ("%SELFHARM_VERB $REFLEXIVE",), harm=True),
    R(
        "self_harm_cut_body",
        "self_harm",
        ("l:cut|slice|slit|scratch|carve|burn $DET? $SELF_HARM_BODY",),
        harm=True,
    ),
    R("self_harm_word", "self_harm", ("re:^selfharm",), nominal=True),
    R("suicide_word", "self_harm", ("w:suicide|suicidal|suicidally",), nominal=True),
    R(
        "want_to_die",
        "self_harm",
        (
            "l:want|wish|like|wan|deserve|ready w:to w:just? w:die",
            "l:want|wish w:to w:be w:dead",
            "w:wish w:i w:was|were w:dead",
            "w:better w:off w:dead",
            "w:better w:off w:without w:me|us",
            "w:rather w:be w:dead",
            "w:done|sick|tired w:of|with w:life|living|being w:alive?",
            "w:sleep w:forever",
            "w:goodbye w:forever|note|letter",
            "l:noose|ligature",
        ),
    ),
    R(
        "not_want_to_live",
        "self_harm",
        (
            "w:wish w:i w:had|would w:never w:been w:born",
            "w:not l:want w:to w:live|exist",
            "w:not l:want w:to w:wake w:up",
            "w:not l:want w:to w:be w:alive|around",
            "w:not l:want w:to w:be w:here w:anymore|any",
            "w:no w:point w:in? w:living|life|going|carrying",
            "w:no w:reason w:to w:live",
            "w:nothing w:to w:live w:for",
            "w:not w:worth w:living",
            "w:can w:not w:go w:on w:living|anymore",
            "w:never w:wake w:up",
        ),
        neg_inside=True,
    ),
    R(
        "end_life",
        "self_harm",
        (
            "l:end|take|finish|stop|terminate w:my|his|her|their|your w:own? w:life",
            "l:end|ending w:it w:all",
        ),
    ),
    R("end_it", "self_harm", ("w:end|ending w:it",), check=_end_it_ok),
    R(
        "disappear",
        "self_harm",
        ("l:want|wish w:to w:just? l:disappear", "w:disappear w:forever"),
        check=_disappear_ok,
    ),
    R(
        "overdose",
        "overdose",
        (
            "l:overdose",
            "l:take|swallow|eat|down w:a|an|the? $QUANT{1,2} w:of? $DET? *{0,2} %DRUG",
            "l:save|saving|stockpile|hoard|collect|store|hide w:up? $DET? *{0,2} %DRUG",
            "l:take|taken w:something w:and|,|.",
            "l:take|swallow|eat|down re:^\\d+$ *? %DRUG",
            "l:swallow *{0,3} %DRUG",
            "l:swallow *{0,2} w:bleach|battery|batteries|magnet|magnets|detergent|pod|pods|liquitab",
        ),
    ),
    R(
        "jump",
        "self_harm",
        (
            "l:jump w:off|from $DET? w:bridge|building|roof|cliff|balcony|window|car|multistorey",
            "l:jump|throw|step *? w:in w:front w:of",
        ),
    ),
    # ---- carer at breaking point -------------------------------------------------------------
    R(
        "carer_might_harm",
        "carer_breaking_point",
        (
            "w:i $MODAL w:end? w:up? %CARER_HARM OBJ",
            "w:i w:am w:going w:to %CARER_HARM OBJ",
            "w:feel w:like *{0,3} %CARER_HARM OBJ",
            "w:i $MODAL? w:am? w:going? w:to? l:lash w:out",
            "w:what w:i $MODAL w:do",
            "$FEAR w:of w:myself",
            "$FEAR w:of w:what w:i",
            # "I'm going to snap and do something to him", "help me before I do something to her"
            "l:snap w:and w:do w:something w:to CHILDOBJ",
            "w:before w:i w:do w:something w:to CHILDOBJ",
        ),
    ),
    # ---- violence and abuse ------------------------------------------------------------------
    R("harm_person", "violence", ("%HARM OBJ",), harm=True),
    R("abuse_person", "abuse", ("l:abuse|neglect OBJ",), harm=True),
    R(
        "harm_passive",
        "violence",
        (
            "%BE %BE? w:sexually|physically|badly|emotionally|seriously|really|repeatedly|proper"
            "|properly|absolutely|brutally|severely|viciously|just{0,2} %HARM",
            "%BE %BE? w:sexually|physically|badly|emotionally|seriously|really|repeatedly? "
            "l:abuse|neglect|rape|molest|groom|exploit|starve",
        ),
        harm=True,
        check=_participle_ok,
    ),
    R(
        "harm_grab",
        "violence",
        (
            "l:grab|pin|hold|drag|pull|lift *{0,3} w:by w:the|his|her|my|their w:throat|neck|hair",
            "l:pin *{0,2} w:against|to w:the w:wall|floor|bed",
            "l:throw|push|slam|shove|kick|chuck|hurl|fling|drag|smash OBJ w:against|down|into|across|at|onto|off|downstairs|through",
            "w:hands|hand|hold|grip w:round|around $DET? w:throat|neck",
        ),
        harm=True,
    ),
    R(
        "weapon",
        "threat",
        (
            "l:have|get|hold|wave|carry|pull|grab|brandish|with|'s w:got? $DET? "
            "*? w:knife|knives|gun|machete|hammer|blade|weapon|axe|bat|screwdriver|crowbar|sword",
            "w:knife|gun|blade|machete w:to $DET? w:throat|head|neck|face",
        ),
        check=_weapon_ok,
    ),
    R(
        "violence_word",
        "violence",
        (
            "w:domestic w:violence|abuse|incident|incidents|assault|assaults",
            "w:history w:of w:violence|abuse|domestic|assault|hurting|hitting",
            "w:abuse|violence|abusive|violent",
        ),
        nominal=True,
        check=_abuse_noun_ok,
    ),
    R(
        "injuries",
        "abuse",
        (
            "w:unexplained|unexplainable w:injuries|injury|bruises|bruising|marks|burns|fractures|fracture",
            "w:bruises|bruising|marks|burns|welts|cuts w:all w:over",
            "l:cover w:in w:bruises|burns|marks|bruising|cuts|welts",
            "l:come w:back|home *{0,4} w:with $DET? w:bruises|bruising|marks|burns|cuts|injuries|bruise",
            "w:black w:eye",
            "w:finger|fingertip|bite|belt|slap|hand|strap w:marks",
            "w:cigarette w:burns",
        ),
        harm=True,
    ),
    R(
        "locked_in",
        "abuse",
        (
            "l:lock OBJ w:in|out|up|inside|away",
            "w:kept|held|locked|trapped w:in|inside $DET? "
            "w:flat|house|room|cupboard|cellar|shed|car|bedroom|basement",
        ),
    ),
    # ---- sexual abuse and exploitation -------------------------------------------------------
    R(
        "sexual_touch",
        "sexual_abuse",
        (
            "w:touches|touched|touching|touch|touchin OBJ",
            "w:private w:parts|part",
            "w:privates",
            "w:inappropriately|inappropriate w:touch|touched|touching|touches",
            "w:down w:there",
            "w:in|down|inside|into|under|up w:my|her|his|their "
            "w:knickers|pants|underwear|nappy|privates|bits|nightie|pyjamas",
            "l:make|force|get OBJ w:to? w:do w:things|stuff|something|sexual",
            "l:force|make|pressure OBJ w:to? w:have w:sex",
            "$MALE_ADULT *{0,3} l:sleep|get|climb|come w:in|into w:her|his|my|our w:bed",
        ),
        harm=True,
        check=_sexual_ok,
    ),
    R(
        "sexual_words",
        "sexual_abuse",
        (
            "l:rape|molest|groom",
            "w:raped|raping|rapist|molested|molesting|groomed|grooming",
            "w:sexually l:abuse|assault|exploit|touch|harass|abusing|assaulted|exploited|touching",
            "w:sexual w:abuse|assault|exploitation|harassment|exploiting",
            "w:cse|cce|csa",
            "l:pimp",
        ),
        nominal=True,
    ),
    R(
        "sexual_images",
        "sexual_abuse",
        (
            "w:naked|nude|indecent|explicit|dirty|sexy|rude|sexual|topless "
            "w:pictures|pics|photos|images|selfies|videos|picture|photo|pic|image|video",
            "w:nudes",
        ),
        nominal=True,
    ),
    R(
        "exploitation",
        "exploitation",
        (
            "l:exploit",
            "w:county w:lines",
            "w:drug|drugs w:debt|debts",
            "w:sell|selling|sells|sold|carry|carrying|deliver|delivering|running|holding|stash|"
            "stashing|move|moving w:drugs|packages|parcels|weed|gear|crack|coke|cannabis w:for",
            "w:forced|made|making|force|forcing|makes|pressured|pressuring *{0,3} w:to "
            "w:sell|carry|deliver|hold|run|move|stash",
            "w:man|men|lad|lads|guy|guys|stranger|strangers|bloke|blokes w:in $DET? w:car|cars|van",
        ),
        nominal=True,
    ),
    # ---- missing child -----------------------------------------------------------------------
    R(
        "missing",
        "missing_child",
        (
            "l:be|go|get|report|gone|went w:missing",
            "w:missing w:since|overnight|again",
        ),
        check=_missing_ok,
    ),
    R(
        "not_come_home",
        "missing_child",
        (
            "w:not w:come|came|got|gotten|been|returned|come w:back? w:home",
            "w:not w:returned|returning",
            "w:not w:brought|bring|brung|give|given|hand|handed *{0,3} w:back",
            "w:refuse|refusing|refuses|refused w:to w:return|bring|give|hand",
            "w:not l:be|have w:seen|heard w:of|from? w:since|for",
            "w:can w:not w:find CHILDOBJ",
        ),
        neg_inside=True,
    ),
    R(
        "whereabouts",
        "missing_child",
        (
            "w:no w:idea|clue w:where w:she|he|they|my|our|the|his|her|your *{0,2} l:be",
            "w:not l:know w:where w:she|he|they|my|our|the|his|her|your *{0,2} l:be",
            "w:not l:know w:where w:is|are w:she|he|they|my|our|the|his|her|your",
            "w:not w:say|tell w:me|us? w:where w:she|he|they|my|our|the|his|her|your *{0,2} l:be",
        ),
        neg_inside=True,
        check=_whereabouts_ok,
    ),
    R(
        "missing_words",
        "missing_child",
        (
            "w:nowhere w:to w:be w:found",
            "w:whereabouts w:unknown",
            "w:awol|absconded|absconding",
            "w:last w:seen",
            "w:been|gone w:gone|missing|out w:for? re:^(\\d+|two|three|four|five|a|all|several)$ "
            "w:days|hours|nights|day|night|weekend",
        ),
    ),
    R("run_away", "missing_child", ("l:run w:away|off",), check=_run_away_ok),
    R(
        "abduction",
        "missing_child",
        (
            "l:snatch|abduct|kidnap",
            "w:snatched|abducted|kidnapped",
            "w:taken|took|taking w:off? CHILDOBJ w:abroad|away",
            "l:run w:off w:with CHILDOBJ",
        ),
    ),
    # ---- threats -----------------------------------------------------------------------------
    R("threaten_to", "threat", ("l:threaten w:to *{0,4} %THREAT",), check=_take_ok),
    R(
        "threaten_person",
        "threat",
        (
            "l:threaten OBJ",
            "l:threaten w:my|his|her|their|our|your w:life|lives|family",
        ),
        check=_threat_obj_ok,
    ),
    R("threaten_suicide", "self_harm", ("l:threaten w:suicide|selfharm",)),
    R(
        "future_harm",
        "threat",
        (
            "$PERSON_SUBJ w:will|would w:really|actually|definitely|literally|just? %THREAT",
            "$PERSON_SUBJ l:intend|plan|mean|swear|vow|promise|want w:to w:come w:and? %THREAT",
            "$PERSON_SUBJ l:intend|plan|mean|swear|vow|promise w:to %THREAT",
            "$PERSON_SUBJ l:be w:going w:to w:really|actually|just? %THREAT",
            "$PERSON_SUBJ l:be w:going w:to w:come w:round|over|here|back? w:and %THREAT",
            "$PERSON_SUBJ l:be w:coming w:round|over|back|here? w:to %THREAT",
            "$PERSON_SUBJ w:will|would|gonna w:come w:round|over|here|back? w:and %THREAT",
            "$PERSON_SUBJ l:be w:coming w:to w:get",
        ),
        check=_future_ok,
    ),
    R(
        "removal_threat",
        "threat",
        (
            "l:say|tell|threaten|text|message|shout|scream *{0,2} $PERSON_SUBJ l:be w:taking CHILDOBJ",
            "l:say|tell|threaten|text|message|shout|scream *{0,2} $PERSON_SUBJ l:be w:taking w:me",
        ),
        check=_removal_ok,
    ),
    R("make_pay", "threat", ("w:make w:you|us|me|them|him|her w:pay",), check=_make_pay_ok),
    R(
        "property_violence",
        "violence",
        (
            "l:smash $DET? w:window|windows|door|glass|windscreen|house|place|car|tv|furniture|up",
            "l:kick|break|boot $DET? w:door|doors w:in|down",
            "l:try w:to w:break|force w:in|into",
        ),
        harm=True,
    ),
    # ---- danger, fear, safety ----------------------------------------------------------------
    R(
        "not_safe",
        "unsafe",
        (
            "w:not l:feel w:safe",
            "l:be w:not w:safe",
            "l:feel|be w:unsafe",
        ),
        neg_inside=True,
    ),
    R("scared_home", "unsafe", ("$FEAR w:to w:go w:home|back",), check=_scared_home_ok),
    R("scared_of_person", "unsafe", ("$FEAR w:of OBJ",)),
    R(
        "fear_for_life",
        "safety_concern",
        ("l:fear|scare|afraid|frighten|worry|terrify w:for $DET w:life|lives|safety",),
    ),
    R(
        "in_danger",
        "safety_concern",
        (
            "w:in w:immediate|real|serious|any? w:danger",
            "w:at w:immediate|real|serious|significant|high? w:risk",
            "w:danger w:to w:himself|herself|themselves|themself|others|me|us|him|her",
            "w:it|this l:be w:an w:emergency",
        ),
        check=_risk_ok,
    ),
    R(
        "worried_safety",
        "safety_concern",
        ("l:worry|concern|scare|frighten|fear|terrify|afraid|anxious|worried *{0,6} w:safety",),
        nominal=True,
    ),
    R(
        "children_terrified",
        "unsafe",
        ("$CHILD l:be w:so|really|absolutely? w:terrified|petrified|scared|frightened",),
        check=_terrified_ok,
    ),
    # ---- neglect and medical -----------------------------------------------------------------
    R("no_food", "neglect_now", ("w:no w:food",), neg_inside=True, check=_no_food_ok),
    R(
        "not_fed",
        "neglect_now",
        (
            "w:not l:eat w:since|for|in|all|anything",
            "w:not l:be w:fed",
            "w:not l:feed OBJ",
            "w:not l:give OBJ w:any? w:food",
        ),
        neg_inside=True,
    ),
    R(
        "left_alone",
        "neglect_now",
        (
            "l:leave CHILDOBJ w:home? w:alone",
            "l:leave CHILDOBJ w:on $DET w:own",
            "l:be w:left w:home? w:alone",
            "l:be w:left w:on $DET w:own",
            "w:home w:alone",
        ),
        nominal=True,
    ),
    R(
        "intoxicated_carer",
        "neglect_now",
        ("l:be|get|turn w:up|really|so|completely|off? $INTOX",),
        check=_intox_ok,
    ),
    R(
        "medical",
        "medical_emergency",
        (
            "w:not|stopped|stop w:breathing",
            "w:unconscious|unresponsive",
            "w:will w:not w:wake w:up",
            "l:be w:choking",
            "w:collapsed",
        ),
        neg_inside=True,
        check=_wake_ok,
    ),
    # ==== broader wording (added after the second held-out set) ===============================
    # Each rule below stands for a way people say it, not for one sentence.
    # ---- self-harm and suicide, said indirectly ----------------------------------------------
    R(
        "not_be_here",
        "self_harm",
        (
            "w:not l:want w:to w:be w:here|alive|around w:anymore|any|no|now",
            "w:not l:want w:to w:be w:here|alive|around w:for w:much w:longer",
            "w:can w:not w:be w:here w:anymore|any",
            "w:not w:see w:the w:point w:anymore|any|in|of w:anything|living|life|being|me|anymore",
            "w:no w:point w:anymore|in w:anything|me|living|life|being",
            "w:what w:is w:the w:point w:in|of? w:living|life|me|anymore|being",
            "l:want|need w:it|everything w:all? w:to w:stop|end w:forever|now|permanently?",
            "w:go w:to w:sleep w:and w:not|never w:wake",
            "w:nobody|no|one w:one? w:would|will w:miss|notice w:me",
            "w:nobody|no|one w:one? w:would|will w:care|notice w:if w:i",
            "w:everyone|everybody|world w:would|will w:be w:better|happier w:without w:me",
            "w:better|happier w:off? w:if w:i w:was|were|am|died|disappeared|wasnt w:not? "
            "w:around|here|gone|dead|alive|born?",
            "w:a w:burden w:to w:everyone|everybody",
            "w:can w:not w:go w:on w:anymore|any",
            "w:can w:not w:keep w:going w:anymore|any",
            "w:had w:enough w:of w:life|living|being w:alive?",
            "w:not l:want w:to w:live|exist|wake",
        ),
        neg_inside=True,
    ),
    R(
        "not_see_point",
        "self_harm",
        (
            "w:not w:see w:the w:point",
            "w:end|ending w:things|everything",
        ),
        neg_inside=True,
        check=_end_it_ok,
    ),
    R(
        "suicide_signals",
        "self_harm",
        (
            "l:write *{0,2} w:letters|notes w:for|to w:everyone|everybody|each|all",
            "w:suicide|goodbye w:note|notes|letter|letters|message|messages|text|video",
            "l:give w:away w:all? w:my|his|her|their w:things|stuff|belongings",
            "l:say w:goodbye w:to w:everyone|everybody",
            "w:will|might|may|could|would|going|gonna|to|not l:do w:something w:stupid|daft",
            "w:lethal|fatal w:dose|amount",
            "w:how w:many *{0,2} %DRUG w:to|would|will|does|it w:take? w:to? w:kill|die",
            "w:how w:to w:hang|overdose",
            "l:attempt|try w:suicide|to w:kill|overdose|hang",
            "w:suicide w:attempt|attempts",
            "w:planning|plan|planned w:to w:die|jump|overdose|kill",
            "w:want w:to w:go w:to w:sleep w:forever",
        ),
    ),
    R(
        "say_will_jump",
        "self_harm",
        (
            "$PERSON_SUBJ|w:i w:will|would w:jump",
            "$PERSON_SUBJ|w:i l:be w:going w:to w:jump",
            "l:threaten w:to w:jump",
        ),
        check=_end_it_ok,
    ),
    R(
        "on_the_edge",
        "self_harm",
        (
            "w:on|onto|off|up w:the w:roof|bridge|ledge|edge|cliff|railway|tracks|balcony *{0,4} l:jump",
            "l:stand|sit|be w:on w:the w:ledge|parapet",
            "w:i|she|he|they l:be w:standing|sitting|stood|sat w:on|at w:the w:edge? w:of? w:the? "
            "w:bridge|roof|ledge|cliff|edge|tracks|railway|balcony|top",
            "l:stand|sit|walk|lie|be w:on w:the w:railway|tracks|line|motorway",
        ),
    ),
    R(
        "self_harm_ongoing",
        "self_harm",
        (
            "l:be|start|keep|go|been w:back? w:to? w:cutting|burning|scratching "
            "w:again|herself|himself|myself|themselves",
            "w:cutting|burning w:again|herself|himself|myself",
            "w:fresh|new|deep|open|infected w:cuts|wounds|slashes",
            "w:cuts|scars|marks|burns|scratches w:on|all w:over? w:her|his|my|their "
            "w:arms|wrists|wrist|thighs|thigh|legs|stomach|tummy|belly",
            "w:bleeding w:from w:her|his|my|their w:arms|wrists|wrist|thighs|legs",
            "l:hide|hiding *{0,2} w:razor|razors|blades|blade",
            "w:razor|razors|blade|blades|sharpener w:in w:her|his|my|their w:room|bag|drawer|pencil",
        ),
        harm=True,
    ),
    R("cutting_now", "self_harm", ("l:be|keep w:cutting",), check=_end_it_ok),
    # ---- carer at breaking point --------------------------------------------------------------
    R(
        "carer_distrust",
        "carer_breaking_point",
        (
            "w:not l:trust w:myself w:with|around|alone w:with? OBJ",
            "w:not l:trust w:myself w:anymore|any|now",
        ),
        neg_inside=True,
    ),
    R(
        "carer_fears_self",
        "carer_breaking_point",
        (
            "l:do w:something w:i *{0,2} l:regret",
            "w:before w:i %CARER_HARM OBJ",
            "w:i $MODAL w:really|actually|end|just? w:up? l:lash w:out",
            "w:i $MODAL w:really|actually|just? w:do w:something w:to OBJ",
            "w:i w:am w:going w:to w:really|actually|just? w:do w:something w:to OBJ",
            "w:i w:keep w:thinking w:about|of %CARER_HARM OBJ",
            "w:i $MODAL w:really|actually|just? %CARER_HARM OBJ",
            "w:i $MODAL w:lose w:it w:and %CARER_HARM",
            "w:i l:want w:to %CARER_HARM OBJ",
            "w:i w:am w:close w:to %CARER_HARM OBJ",
            "w:i w:nearly|almost %CARER_HARM OBJ",
            "w:i w:grabbed|shook|smacked|slapped|shoved|throttled|punched|kicked|whacked OBJ",
            "w:take CHILDOBJ w:away w:before w:i",
            "w:i w:have w:been w:rough|violent w:with OBJ",
            "w:i w:am w:scared|frightened|afraid|terrified w:of w:myself",
        ),
    ),
    # ---- violence, new wording -----------------------------------------------------------------
    R(
        "harm_phrasal",
        "violence",
        (
            "l:beat|knock|smack|slap|kick|push|throw|chuck|shove OBJ w:about|around|round|up",
            "l:lay w:into OBJ",
            "l:go w:for OBJ w:with",
            "l:knock OBJ w:out|unconscious",
            "l:slam|smash|ram|shove|push|throw|batter w:her|his|my|their $BODY|w:face "
            "w:against|into|off|through",
            "l:give|get OBJ? w:a w:good? w:hiding|beating|kicking|battering|pasting|thrashing",
            "l:stamp w:on OBJ",
            "l:stamp|jump|kick w:on|in w:her|his|my|their w:head|face|stomach|chest|ribs",
            "l:throw|chuck|hurl *{0,3} w:at OBJ",
            "l:drag|pull|yank|grab OBJ *{0,2} w:by w:the|her|his|my? "
            "w:hair|arm|arms|ear|ears|wrist|wrists|neck|collar|throat",
            "w:black w:and w:blue",
            "w:fat|split|busted|burst|bloody w:lip|nose",
            "w:blood w:everywhere",
            "w:punched|kicked|smacked|slapped|battered|beaten|hit|headbutted "
            "w:in w:the w:face|head|stomach|chest|ribs|mouth",
            "l:punch w:holes w:in",
        ),
        harm=True,
    ),
    R("bleeding", "medical_emergency", ("l:be w:bleeding",), check=_bleeding_ok),
    R(
        "marks_on_body",
        "abuse",
        (
            "$MARKS w:all? w:on|over|round|around|across|to w:her|his|my|their|the|both? $SUSPECT_BODY",
            "$MARKS w:on OBJ",
            "$MARKS w:again",
            "w:bruised w:all|everywhere|again|black",
            "w:more|fresh|new|another w:bruise|bruises|marks|burns|injuries|bruising",
            "w:grip|finger|fingertip|hand|rope|ligature|strangle|strangulation w:marks",
            "l:turn|come|arrive w:up|home|back? *{0,3} w:with w:a? $MARKS|w:black",
        ),
        harm=True,
    ),
    R(
        "domestic_now",
        "violence",
        (
            "w:hiding|hide|hid w:from w:him|them|$ADULT",
            "w:hiding|hide|hid w:from $DET $ADULT",
            "w:hiding w:in $DET? w:bathroom|bedroom|cupboard|wardrobe|loft|toilet|car|room|garden|shed",
            "w:hiding w:upstairs|outside",
            "l:lock w:ourselves|myself w:in",
            "w:not w:let w:me|us|her|him|them w:leave",
            "l:get|escape|flee w:away? w:from w:him",
            "l:get|escape|flee w:away? w:from $DET $ADULT",
            "l:flee|fleeing w:domestic|from|him",
            "l:bang|hammer|kick|pound w:on|at $DET? w:door|doors|window|windows",
            "l:try w:to w:kick|smash|break|force w:in|into|down",
            "w:outside w:my|our|the w:house|door|flat|window|school w:and w:will w:not w:leave|go",
            "$PERSON_SUBJ w:will w:not w:leave|go w:away",
        ),
        check=_domestic_ok,
    ),
    R(
        "threat_words",
        "threat",
        (
            "w:you w:are w:dead",
            "w:dead w:when w:i|we w:find|get|see",
            "w:watch w:your|my|her|his w:back",
            "w:i|we w:know w:where w:you w:live",
            "$PERSON_SUBJ l:know w:where w:we|i|she|they|you w:live|are|is",
            "l:find w:out w:where w:we|i|she|he|they|you w:live|are|is|stay|staying",
            "w:never w:know|see|find w:where w:she|he|they w:is|are|was",
            "l:put|smash|through *{0,3} w:windows|window|door|doors w:through|in",
            "w:set *{0,3} w:on w:fire|alight",
            "w:i|we w:will|am|are w:going? w:to? w:find w:you|them|her|him",
            "w:will w:find w:us|me|her|him|them w:and",
            "l:throw|chuck *{0,2} w:acid",
            "w:acid w:attack",
            "l:burn|torch|petrol $DET w:house|flat|place|car",
            "w:set w:fire w:to",
            "w:never w:see|lay|set w:eyes? w:on? CHILDOBJ w:again",
            "w:never w:see|lay|set w:eyes? w:on? w:them|us w:again",
            "l:post|share|put|give|leak w:our|my|her|his|their w:address *{0,3} w:online|on|to|everywhere",
            "w:never w:see w:them|us w:again",
            "l:send w:round|someone w:to? *{0,3} w:sort|hurt|batter",
            "w:threatening|threatened|threats|threat w:messages|texts|calls|voicemails",
            "w:death w:threats|threat",
        ),
        check=_threat_words_ok,
    ),
    R(
        "coming_for",
        "threat",
        ("w:coming w:for w:you|us|her|him|them|me", "w:coming w:for CHILDOBJ"),
        check=_end_it_ok,
    ),
    R(
        "snatch_threat",
        "threat",
        (
            "l:say|tell|threaten|text|message|shout|scream *{0,3} $PERSON_SUBJ l:be "
            "w:taking|having|keeping CHILDOBJ",
            "l:say|tell|threaten|text|message|shout|scream *{0,3} $PERSON_SUBJ l:be "
            "w:taking|having|keeping w:me|us",
            "l:say|tell|threaten|text|message|shout|scream *{0,3} $PERSON_SUBJ "
            "w:will|would|is|going|gonna w:to? w:take|grab|snatch|have CHILDOBJ",
            "l:try|attempt w:to w:take|grab|snatch CHILDOBJ",
            "w:grabbed|snatched CHILDOBJ",
            "l:take CHILDOBJ w:and w:not|never|refuse|refuses|refusing|wo w:not? "
            "w:bring|give|return|come|let|say|answer",
            "w:not w:giving|give w:her|him|them|the|my|our w:back",
            "w:keeping CHILDOBJ w:and w:will|wo w:not",
            "w:bundled|dragged|pulled|forced|shoved CHILDOBJ w:in|into $DET? w:car|van|taxi",
        ),
        check=_removal_ok,
    ),
    # ---- sexual abuse and grooming ----------------------------------------------------------------
    R(
        "sexual_touch_body",
        "sexual_abuse",
        (
            "w:touches|touched|touching|touch|grabbing|grabs|grabbed|rubs|rubbing|rubbed "
            "w:her|his|my|their $SEX_BODY",
            "w:shows|showed|showing|sends|sent|sending|watch|watches|watching|makes|made "
            "*{0,3} w:porn|porno|pornography",
            "l:get|come|climb w:in|into w:the w:shower|bath|bed w:with w:me|her|him|them|us",
            "l:walk|come|barge w:in w:on w:me|her|him|them w:in? w:the? "
            "w:shower|bath|changing|naked|undressing",
            "l:watch w:me|her|him|them w:in w:the w:shower|bath",
            "l:watch w:me|her|him|them w:get|getting w:changed|undressed",
            "l:come|get|creep|sneak w:in|into w:my|her|his|their w:room|bedroom|bed w:at w:night",
            "w:our w:little? w:secret",
            "l:tell|make|ask|want|get OBJ w:to w:keep w:it|this|things? w:a? w:secret",
            "l:keep *{0,3} w:secret w:from w:me|us|her|mum|mam|nan|everyone",
            "w:sexualised|sexualized|sexual w:behaviour|behavior|things|stuff|comments|messages|texts",
            "w:makes|made|forces|forced|asks|asked|wants|wanted OBJ w:to w:touch w:him|her|his|them",
            "l:expose w:himself|herself",
            "l:make|force|get OBJ w:to? w:sit w:on w:his|her w:knee|knees|lap",
            "$MALE_ADULT|w:she|he *{0,3} l:come|walk|go|barge w:in|into $DET? w:bathroom|bedroom|room "
            "w:when|while w:she|he|they|i l:be w:in w:the w:bath|shower|bed",
            "$MALE_ADULT|w:she|he *{0,3} l:come|walk|go|barge w:in|into $DET? w:bathroom|bedroom|room "
            "w:when|while w:she|he|they|i l:be w:changing|naked|undressed|asleep|sleeping",
            "w:flashed|flashing w:at? OBJ",
        ),
        harm=True,
    ),
    R(
        "grooming",
        "sexual_abuse",
        (
            "w:grown|older|adult|strange|random|20|21|22|23|24|25|26|27|28|29|30|35|40|45|50 "
            "w:year? w:old? w:man|men|guy|guys|bloke|blokes|lad|lads|woman|stranger|strangers *{0,6} "
            "l:message|text|snapchat|snap|dm|contact|chat|talk|send|call|follow|ask|offer|meet|want"
            "|buy|pick|give|groom",
            "w:man|men|guy|bloke|stranger|strangers|adult w:online",
            "w:man|men|guy|bloke|stranger|strangers|adult w:on w:snapchat|tiktok|instagram|insta"
            "|roblox|fortnite|discord|whatsapp|xbox|telegram|kik",
            "l:ask|beg|pressure|persuade|try *{0,3} w:to w:meet w:up? *{0,3} "
            "w:alone|secretly|without|tonight|secret",
            "w:keeps|keep|kept w:asking OBJ? w:to w:meet",
            "l:ask|beg|pressure|want|try|get|tell|persuade OBJ? w:to|for w:send "
            "w:pics|pictures|photos|videos|nudes|selfies|images",
            "l:ask|want|beg w:for w:pics|pictures|photos|videos|nudes|selfies *{0,2} "
            "w:of w:her|him|herself|himself|them|you|yourself|in",
            "l:send *{0,2} w:pics|pictures|photos|videos|selfies|images "
            "w:of w:herself|himself|themselves|yourself|themself",
            "w:pics|pictures|photos|videos w:of w:her|him|herself|himself w:in w:her|his|their "
            "w:underwear|bra|pants|knickers|bed|bath",
            "w:video|webcam|facetime w:call|calls|chat? *{0,3} w:naked|undressed|secret|secretly",
            "w:older w:boyfriend|man|men",
            "w:in w:his|their|her w:twenties|thirties|forties|fifties|20s|30s|40s|50s",
            "w:mature w:for w:her|his|their w:age",
            "l:tell OBJ w:not w:to w:tell w:her|his|their|anyone|anybody|mum|mam|dad|nan|gran|me|us",
            "l:tell OBJ w:to w:keep w:quiet",
            "w:groomer|groomers|paedophile|paedo|pedo|pedophile|predator|nonce",
            "w:catfish|catfished|catfishing|sextortion|sextorted",
            "l:threaten w:to w:share|post|send|leak *{0,2} w:pics|pictures|photos|videos|images|nudes",
            "l:share|post|send|leak|spread *{0,3} w:her|his|my|their w:nudes",
        ),
        check=_grooming_ok,
    ),
    # ---- exploitation: gifts, drink, drugs, cars -------------------------------------------------
    R(
        "exploitation_signs",
        "exploitation",
        (
            "w:giving|gave|give|gives|buying|bought|plying *{0,2} w:her|him|them "
            "w:vodka|alcohol|drugs|weed|cannabis|cocaine|ket|vapes|spirits",
            "w:new w:phone|phones|trainers|clothes|money *{0,6} w:not w:know|explain|say w:where",
            "w:trap w:house|houses",
            "l:run w:drugs|lines",
            "w:dealers|dealer|gang|gangs w:are|is? w:after|looking|threatening|grooming|using|making"
            "|following",
            "l:owe *{0,3} w:to w:a? w:dealer|dealers|gang",
            "w:debt w:to w:a? w:dealer|gang|dealers",
        ),
        nominal=True,
        check=_child_in_message_or_pron,
    ),
    R(
        "unexplained_gifts",
        "exploitation",
        (
            "w:not w:tell|say|explain w:us|me|anyone? w:who|where *{0,2} "
            "w:gave|gives|give|got|gets|bought|buys|from|them|it|he|she|they",
        ),
        neg_inside=True,
        check=_gifts_ok,
    ),
    # ---- disclosures reported by professionals ------------------------------------------------
    R(
        "disclosure",
        "abuse",
        (
            "l:disclose",
            "w:made|making|make w:a w:disclosure",
            "w:disclosure w:of|from|about|today|this|that",
        ),
        nominal=True,
        check=_disclosure_ok,
    ),
    # ---- child in danger at home: fear and safety tied to a place or person -----------------------
    R(
        "fear_place",
        "unsafe",
        (
            "$FEAR w:to|of l:go|going|be|being w:back? w:home",
            "$FEAR w:to|of l:go|going w:back? w:to|round w:her|his|my|their|our|the? $ADULT",
            "$FEAR w:to|of l:be|being w:alone|left w:alone? w:with OBJ",
            "$FEAR w:to|of l:be|being w:in w:the w:house|flat w:with OBJ",
            "$STRONG_FEAR w:of w:what $PERSON_SUBJ w:will|would|might|could|is",
            "$STRONG_FEAR w:when|whenever $DET? $PERSON_SUBJ w:comes|gets|is|drinks|starts|shouts",
            "$FEAR $PERSON_SUBJ w:will|would|might|could|is|going w:to? w:really? %HARM",
            "w:begging|begged|begs|pleading|pleaded|crying|cried w:me|us? w:not w:to w:go|send|make "
            "*{0,2} w:back",
            "w:refuses|refusing|refused|will w:not? w:to? w:go w:back w:because $PERSON_SUBJ",
        ),
        check=_scared_home_ok,
    ),
    R(
        "heard_screaming",
        "violence",
        (
            "l:hear *{0,4} w:screaming|crying|begging|yelling|screams *{0,3} w:stop|help|please|no",
            "w:screaming|screams|shouting|banging w:next w:door|upstairs|downstairs w:for|all|again",
        ),
        check=_child_in_message_or_pron,
    ),
    R("fear_for_person", "safety_concern", ("$STRONG_FEAR w:for OBJ",), check=_fear_for_ok),
    R(
        "cant_keep_safe",
        "unsafe",
        (
            "w:not *{0,2} l:keep OBJ w:safe",
            "w:not *{0,2} l:protect OBJ",
            "w:not w:safe w:there|with|at|around|when|if|in|to|anymore|any|here|home",
            "w:not l:think|believe|reckon|feel|sure w:like|that? *{0,3} l:be w:safe",
            "w:unsafe w:there|with|at|around|when",
            "w:need w:to w:get|keep CHILDOBJ w:safe",
            "w:putting CHILDOBJ w:in w:danger",
        ),
        neg_inside=True,
        check=_not_safe_ok,
    ),
    # ---- missing: gone, not back, not answering ---------------------------------------------------
    R(
        "gone_since",
        "missing_child",
        (
            "l:be|have w:been? w:gone|out|away w:since|overnight|yesterday|last|hours|ages",
            "l:be|have w:been? w:gone|out|away w:all w:night|day",
            "w:out w:all w:night",
            "w:not w:been w:home|back|seen|heard w:since|for|all|yet|in|from",
            "w:not w:home w:yet|since|and",
            "w:not w:back w:yet|since|and|from|home",
            "w:not w:came|come|got|get|gotten|coming w:back",
            "w:it l:be w:gone|past|after w:midnight|1am|2am|3am|4am|11pm|12|1|2|3",
            "w:still w:not w:home|back",
            "l:go w:off w:with w:a? w:man|men|stranger|strangers|older|adult|lads|guys",
        ),
        neg_inside=True,
        check=_gone_since_ok,
    ),
    R(
        "not_answering",
        "missing_child",
        (
            "w:not l:answer|respond|reply|pick w:up? w:her|his|their|my|the|any? w:phone|calls|texts"
            "|messages",
            "w:not l:answer|respond|reply|pick w:up? w:anyone|anybody|me|us",
            "w:phone w:is|has w:been? w:off|dead|switched",
        ),
        neg_inside=True,
        check=_not_answering_ok,
    ),
    R(
        "whereabouts_person",
        "missing_child",
        (
            "w:nobody|no|not w:one? l:know|knows|idea|clue w:where w:she|he|they|the|my|our|her|his"
            " *{0,2} l:be",
            "w:nobody|no w:one? w:has|have w:seen|heard w:from? OBJ",
        ),
        neg_inside=True,
        check=_whereabouts_person_ok,
    ),
    R(
        "missing_noun",
        "missing_child",
        (
            "w:missing w:person|persons|child|children|report|from",
            "w:report CHILDOBJ w:missing",
        ),
        nominal=True,
    ),
    # ---- neglect now ------------------------------------------------------------------------------
    R(
        "alone_end",
        "neglect_now",
        (
            "$CHILD|w:they|kids l:be|been w:on|by w:their|his|her|its|themselves|himself|herself w:own?",
        ),
        check=_end_it_ok,
    ),
    R(
        "alone_now",
        "neglect_now",
        (
            "w:nobody|no w:one|adult? l:be? w:looking|look|watching|minding|caring w:after|for? "
            "CHILDOBJ",
            "w:nobody|no w:one|adult? l:be? w:looking|look|watching|minding|caring w:after|for? "
            "w:them|her|him",
            "w:no w:adult|adults|grownups w:in|at|with|there",
            "w:on|by w:their|his|her w:own|themselves *{0,2} w:in|at|all w:the? "
            "w:flat|house|home|car|night|day|tonight|overnight|since",
            "l:leave CHILDOBJ w:in w:the w:car|flat|house|bath|cot|pram",
            "l:be w:left w:in w:the w:car|flat|house|home|bath",
            "w:left *{0,4} w:by w:himself|herself|themselves|themself",
            "w:by w:himself|herself|themselves|themself w:while|since|all|overnight|at w:night?",
            "w:went|gone|goes w:out *{0,3} w:and w:left CHILDOBJ",
            "w:left w:with w:nobody|strangers",
            "w:nothing w:to w:eat",
            "w:not w:eaten|fed w:anything? w:since|for|all|in|today",
            "w:filthy|dirty|soiled|unchanged w:nappy|nappies|clothes *{0,4} w:days",
            "w:sleeping w:rough|outside",
            "w:sleeping w:on w:the w:streets|street",
        ),
        neg_inside=True,
        check=_child_in_message_or_pron,
    ),
    R(
        "carer_intox_now",
        "neglect_now",
        (
            "w:off w:his|her|their|your|my w:face|head|tits|nut|trolley|box",
            "w:out w:of w:it|her|his w:head|face?",
            "w:passed w:out",
            "w:under w:the w:influence",
            "l:turn|show|come|roll|arrive w:up|round|home|over *{0,3} $INTOX",
            "w:drunk|high|wasted|stoned w:at|outside|in w:the? w:door|house|school|contact|car|wheel",
            "w:drink|drunk|drug|drugs|drinking w:driving",
            "w:driving w:drunk|high|under",
            "w:using|injecting w:again|heroin|crack|spice|meth",
            "w:in w:front w:of CHILDOBJ w:drinking|using|injecting|fighting",
            "$INTOX w:and w:fighting|shouting|screaming|violent|aggressive|kicking",
        ),
        check=_intox_now_ok,
    ),
    # ---- medical emergency -------------------------------------------------------------------------
    R(
        "medical_more",
        "medical_emergency",
        (
            "w:gone|is|went|going|has|looks|turned|turning|very w:floppy|limp|lifeless",
            "w:turning|turned|gone|going|went w:blue|grey",
            "w:lips w:are|have|look w:gone? w:blue|grey",
            "l:have|having w:a w:fit|seizure",
            "w:seizure|seizures|convulsing|convulsion|fitting w:now|again|and",
            "l:struggle w:to w:breathe|breath",
            "l:drink|swallow|eat|drank|swallowed *{0,3} w:bleach|detergent|liquitab|pods|antifreeze"
            "|weedkiller|poison|methadone|batteries|battery|magnets",
            "w:anaphylaxis|anaphylactic|epipen|unresponsive|unconscious",
            "w:hit w:by w:a w:car|bus|van|train",
            "w:fell|fallen|fall|falling w:from|out|off w:of? w:a|the w:window|balcony|roof|bridge",
            "w:knocked w:out|unconscious",
            "w:lost w:consciousness",
            "w:slurring|incoherent|delirious",
            "w:bleed|bleeding|bump w:on|from w:his|her|their w:head|brain",
            "w:burnt|burned|scalded w:badly|face|skin|kettle|boiling",
        ),
        check=_medical_ok,
    ),
    # The emergency services on their way or already there: whatever else the message says,
    # something is happening now ("help. grandson took tablets. ambulance coming. who do i tell
    # at the council", "Paramedics are here now").
    R(
        "emergency_services_now",
        "medical_emergency",
        (
            "w:ambulance|ambulances|paramedics|paramedic|police|polis|coppers w:is|are|'s? "
            "w:coming|here|outside|comin",
            "w:ambulance|ambulances|paramedics|paramedic|police|polis|coppers w:is|are|'s? "
            "w:on w:the|their|its|it's w:way",
            "w:waiting w:for w:the? w:ambulance|paramedics|police",
            "w:rang|called|phoned|ringing|calling|phoning|dialled w:999|ambulance",
            "w:ambulance|paramedics|police|polis w:come|coming|came w:now",
            "w:ambulance|paramedics|police|polis w:have|has? w:been? w:called",
            "w:police|ambulance|paramedics w:and *{0,3} w:called",
        ),
        check=_services_now_ok,
    ),
    # The same emergencies where the words themselves hold the negation ("he can't breathe"):
    # without neg_inside, the "not" inside the pattern vetoed the match as a negated harm.
    R(
        "medical_cannot",
        "medical_emergency",
        (
            "w:can w:not w:wake|rouse CHILDOBJ",
            "w:can w:not w:wake|rouse w:him|her|them|mum|dad|mam",
            "w:can w:not w:wake w:them|her|him",
            "w:can w:not|barely|hardly w:breathe|breath",
            "w:can w:not w:stand|walk w:up|properly|straight",
        ),
        neg_inside=True,
        check=_medical_ok,
    ),
    R(
        "medical_wake",
        "medical_emergency",
        (
            "w:will|can w:not l:wake",
            "w:not w:waking|rousing|responding",
        ),
        neg_inside=True,
        check=_wake_ok,
    ),
    R(
        "emergency_help",
        "safety_concern",
        (
            "w:called|rung|phoned|ringing|calling w:the? w:police|999|ambulance|cops",
            "w:need|get w:the? w:police|ambulance|cops w:here|now|round|quick|urgently",
            "w:police w:are w:on w:their w:way",
            "w:police w:are w:here|outside|coming",
        ),
        nominal=True,
    ),
    # ==== families added after dev2.yaml (second development set) ==========================
    # Each rule is a family of wordings (a way of saying it with its vocabulary), not a sentence.
    # ---- suicide: final arrangements, indirect wishes, despair --------------------------------
    R(
        "final_arrangements",
        "self_harm",
        (
            "w:made|make|making w:my|his|her|their w:peace",
            "l:put|get|sort|set w:my|his|her|their w:affairs w:in w:order",
            "w:affairs w:in w:order",
            "l:rehome|rehoming *{0,2} w:dog|dogs|cat|cats|pets|pet|animals",
            "l:give|giving *{0,2} w:things|stuff|belongings|possessions|clothes|games w:away",
            "l:say|saying w:goodbye|goodbyes|bye w:to w:people|everyone|everybody|friends|family|us"
            "|all|mates",
            "w:said|saying|say w:my|his|her|their w:goodbyes",
            "w:not|never w:be w:around|here w:much|for|very w:longer|long",
            "w:not w:see w:a|any w:way w:out",
            "w:no w:way w:out",
            "w:got|have|had w:it w:all w:planned|worked",
            "w:planned w:how w:i|she|he|to",
        ),
        neg_inside=True,
        check=_despair_ok,
    ),
    R(
        "better_without",
        "self_harm",
        (
            "w:better|happier|easier w:off? w:for? w:everyone|everybody|all|them|us|you? w:without "
            "w:me|her|him|them",
            "w:better|happier|easier w:off? w:for? w:everyone|everybody|all|them|us|you? w:if "
            "w:i|she|he w:just|was|were|died|disappeared|went|left *{0,3} "
            "w:gone|dead|here|around|alive|born|died|disappeared|away",
            "w:no w:longer l:want|wish w:to w:live|exist|go|be|carry|wake",
            "w:no w:reason|point w:to|in w:keep|keeping|carry|carrying w:going|on",
            "w:no w:reason|point w:to|in w:live|living|exist|existing|wake|stay|be w:alive|here",
            "w:till|until|til w:it|they|i|my|her|his|their *{0,2} l:bleed",
            "l:want|wish w:it w:all w:to w:stop|end w:permanently|forever|for",
        ),
        neg_inside=True,
        check=_despair_ok,
    ),
    R(
        "stopped_eating",
        "self_harm",
        (
            "l:stop|refuse w:eating|food *{0,2} w:completely|altogether|entirely|days|week"
            "|weeks|fainted|collapsed",
            "l:refuse w:to w:eat *{0,2} w:completely|altogether|entirely|days|week|weeks|fainted",
            "w:not w:eaten|eating w:anything? w:for w:days|a|weeks",
            "l:starve w:herself|himself|myself|themselves",
        ),
        neg_inside=True,
    ),
    # ---- carer fears doing harm ---------------------------------------------------------------
    R(
        "carer_do_harm",
        "carer_breaking_point",
        (
            "w:i $MODAL|w:am|going|to w:do CHILDOBJ w:some|any|serious? "
            "w:harm|damage|injury|mischief",
            "w:i $MODAL w:do w:harm|something w:to OBJ",
            "w:i $MODAL *{0,2} w:harm|hurt|injure CHILDOBJ",
        ),
    ),
    # ---- violence: more wordings ----------------------------------------------------------------
    R(
        "violence_more",
        "violence",
        (
            "$PERSON_SUBJ|w:he|she|they l:go|went w:for OBJ",
            "w:went|goes|going w:for OBJ",
            "l:pull|yank|grab|drag w:my|her|his|their w:hair",
            "l:drag|pull|yank|push|shove|chuck|throw OBJ w:round|around|across|along|through|out|up|down "
            "w:the|by|my|her|his",
            "l:put|punch|smash|ram|kick w:his|her|their|a w:fist|foot|head w:through",
            "l:get|have w:got? CHILDOBJ w:in w:the|his|her|their w:bedroom|room|car|van|bathroom "
            "*{0,4} w:screaming|crying|begging|shouting|scared",
            "l:hurt|hit|kick|punch|burn|cut|squeeze|twist|bite|pinch %HARM? w:my|her|his|their "
            "w:tummy|arm|arms|face|neck|head|leg|legs|back|wrist|wrists|ear|ears|eye|chest|belly|bum"
            "|bottom|private|privates",
            "w:have|has|had|got w:to w:hide",
            "w:we|i|kids|children w:all? w:hide w:when|whenever|from|in|upstairs",
        ),
        harm=True,
        check=_violence_more_ok,
    ),
    R(
        "kept_in",
        "abuse",
        (
            "w:not w:let w:me|us|her|him|them w:leave|out|go|eat|sleep",
            "w:never w:see|lay|set w:eyes? w:on? CHILDOBJ w:again",
            "w:never w:see|lay|set w:eyes? w:on? w:them|us w:again",
            "l:put|shut|lock|keep|leave OBJ w:in w:the|a|her|his|my|their? "
            "w:cupboard|cellar|shed|cage|basement|kennel|dark|garage|loft|attic|boot",
        ),
        neg_inside=True,
    ),
    R(
        "doubted_injury",
        "abuse",
        (
            "w:fracture|fractures|fractured|broken|burn|burns|bruise|bruises|bruising|injury|injuries"
            " *{0,8} w:account|story|explanation|explanations w:inconsistent|changes|changing|keeps"
            "|does|do|not|vague|differ|differs",
            "w:inconsistent|conflicting|changing|different w:account|accounts|story|stories"
            "|explanation|explanations",
            "w:shape w:of w:a|an w:iron|hand|belt|cigarette|lighter|buckle|fingers",
            "re:^(\\d+|six|two|three|four|five|seven|eight) w:week|month w:old *{0,6} "
            "w:fracture|fractured|broken|bruise|bruises|bruising|burn|burns|bleed|injury|injuries",
        ),
    ),
    # ---- sexual abuse: more wordings ----------------------------------------------------------
    R(
        "sexual_more",
        "sexual_abuse",
        (
            "w:bad|wrong|secret|private|naughty|funny w:touch|touching|touches|touched|touchings",
            "l:catch|caught OBJ w:in *{0,3} w:bed|bedroom|bath|shower|room",
            "l:make|force|get|want OBJ w:to? w:do w:things|stuff|something w:to|with|for w:him|her"
            "|them|me",
            "w:dirty|sexual|sexy|explicit|naughty|rude w:messages|texts|chats|chat|dms|talk|calls",
            "l:enter|come|creep|sneak|get|climb|crawl w:into|in? w:my|her|his|their w:room|bedroom|bed"
            " *{0,2} w:at w:night",
            "$MALE_ADULT *{0,6} l:sleep|get|climb|come|crawl w:in|into w:her|his|my|our w:bed",
            "l:pay|paying|paid OBJ w:for w:sex|pictures|pics|photos|images|videos|nudes|sexual",
            "l:ask|beg|pressure|want|keep OBJ? w:asking? w:for w:pictures|pics|photos|nudes|selfies"
            "|videos",
            "$PERSON_SUBJ|w:he|she|they w:will|would|is|going w:to? "
            "w:share|post|send|leak|show|spread *{0,4} w:pictures|pics|photos|ones|videos|nudes|them",
            "w:leader|teacher|coach|tutor|instructor|man|uncle|adult|neighbour|lodger|stepdad"
            "|stepfather|boyfriend|manager|driver|priest|volunteer *{0,2} "
            "l:be? w:sleeping|having|dating|sex w:sex? w:with $DET? *{0,1} "
            "re:^(1[0-5]|[4-9])$ w:year w:old",
            "l:be w:sleeping w:with|having w:sex w:with $DET w:14|13|12|15|teenage|underage",
            "l:do w:stuff|things w:on w:camera|webcam|video",
        ),
        check=_grooming_ok,
    ),
    R(
        "sexual_unwanted",
        "sexual_abuse",
        (
            "l:make|force|get OBJ w:to? w:do w:things|stuff|something w:that? w:i|she|he|they "
            "w:do|does|did w:not w:like|want",
        ),
        neg_inside=True,
        check=_grooming_ok,
    ),
    # ---- exploitation: working for a gang --------------------------------------------------------
    R(
        "gang_work",
        "exploitation",
        (
            "w:for w:a|the|some|these|those? w:gang|gangs|dealer|dealers|olders|elders|lads",
            "w:running|carrying|moving|holding|delivering|taking w:packages|parcels|drugs|gear|bags"
            " *{0,2} w:up|across|round|around w:and? w:down? w:the? w:country|county|lines|trains|town",
            "w:being|been|getting|get w:paid w:to w:hold|carry|run|sell|deliver|move|keep|stash",
            "l:owe w:them|him|dealers|people w:money *{0,6} l:hurt|kill|stab",
        ),
        check=_child_in_message_or_pron,
    ),
    # ---- neglect and alone now ---------------------------------------------------------------
    R(
        "alone_more",
        "neglect_now",
        (
            "w:nobody|no w:one|adult|adults? l:be|have w:been? w:home|in|here|there|around|about"
            " w:since|for|all|today|yesterday|tonight",
            "w:nobody|no w:one|adult|adults? l:be w:in|home|there|around",
            "w:no w:adult|adults|grownup|grownups|parent|parents w:for|since|home|around|about",
            "$CHILD|w:they w:alone|unattended|unsupervised w:in|at|all|since|for|overnight",
            "w:on w:their|his|her w:own *{0,2} w:all|weekend|days|hours|week|night|overnight",
            "w:not w:had|eaten|got w:any? w:food|milk|bottle|feed|formula|drink|meal w:since|for|all"
            "|today",
            "w:no w:formula|milk|nappies|heating|electric|electricity *{0,3} w:and w:no w:food",
            "w:in w:no w:state|fit w:state? w:to w:look|care|drive|have|mind",
            "w:not w:in w:a w:fit w:state w:to w:look|care|drive|have|mind",
            "w:out w:of|in? w:her|his|their|my w:face|head|tree|box|mind",
            "l:come|turn|show|arrive|get w:back|home|up|round *{0,2} $INTOX",
        ),
        neg_inside=True,
        check=_alone_more_ok,
    ),
    # ---- missing: not in bed, still not back --------------------------------------------------
    R(
        "missing_more",
        "missing_child",
        (
            "$CHILD|w:they|she|he l:be w:not w:in w:their|his|her|the w:bed|beds|room|rooms|bedroom",
            "w:still l:be w:not w:home|back",
            "w:not w:back w:yet|since|,|and|.",
        ),
        neg_inside=True,
        check=_missing_more_ok,
    ),
    # ---- medical: more wordings ---------------------------------------------------------------
    R(
        "medical_broader",
        "medical_emergency",
        (
            "w:all|very|really|so|completely|gone|is|went|going w:floppy|limp|lifeless|grey|blue"
            "|unresponsive",
            "w:gone|turned|turning|going|went w:a w:funny|strange|weird|horrible|bit *? "
            "w:blue|grey|purple|white|colour",
            "l:be w:fitting|seizing|convulsing",
            "w:not w:moving|responding|breathing",
            "l:drink|swallow|eat|drank|swallowed|get|got w:into? *{0,4} "
            "w:liquid|cleaner|chemicals|tablets|pills|medicine|bleach|washing|dishwasher|perfume"
            "|antifreeze|vape|e-liquid|lighter|remover|methadone|capsules|alcohol|vodka|laundry",
            "w:rash *{0,4} w:not w:fade|go|disappear",
            "w:can w:not w:wake|rouse CHILDOBJ",
            "w:can w:not w:wake|rouse w:him|her|them|mum|dad|mam",
            "w:non w:blanching",
            "w:burning w:up w:and",
            "w:rope|cord|noose|belt|ligature *{0,2} w:up|tied|hanging|round|around w:in|his|her|the"
            "|neck",
        ),
        neg_inside=True,
        check=_medical_broader_ok,
    ),
)

# Figures of speech: a harm match overlapping one of these is dropped. A data file a reviewer
# can read (bot/safety/patterns/idioms.yaml), normalised like the input by engine.py.
IDIOMS_FILE = Path(__file__).resolve().parent / "patterns" / "idioms.yaml"
IDIOMS = tuple(yaml.safe_load(IDIOMS_FILE.read_text(encoding="utf-8"))["idioms"])
