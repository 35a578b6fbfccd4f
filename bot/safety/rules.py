"""Safety rules: spaCy Matcher patterns over lower-case forms and lemmas.

Patterns are written in a small notation, one string per pattern, tokens separated by spaces:

    w:a|b      the token's lower-case form is one of a, b
    l:a|b      the token's lemma is one of a, b
    $NAME      lower-case form in the lexicon set NAME        %NAME  lemma in lexicon set NAME
    re:RX      lower-case form matches the regular expression RX
    *          any one token
    OBJ        a person as object: "me/him/her/them/..." or "[the/my/...] [little/...] grandson"
    CHILDOBJ   like OBJ but a child: "him/her/them" or "[the/my] [little] baby"
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
    "CHILD": lx.CHILD, "ADULT": lx.ADULT, "PERSON": lx.PERSON, "OBJ_PRON": lx.OBJ_PRON,
    "REFLEXIVE": lx.REFLEXIVE, "DET": lx.DET, "ADJ": lx.ADJ, "PERSON_SUBJ": lx.PERSON_SUBJ,
    "HARM": lx.HARM_VERBS - {"abuse", "neglect", "molest", "rape", "kill", "murder", "shoot"},
    "THREAT": lx.THREAT_VERBS, "INTOX": lx.INTOX, "SELF_HARM_BODY": lx.SELF_HARM_BODY,
    "SELFHARM_VERB": {"kill", "hurt", "harm", "cut", "burn", "starve", "hang", "stab", "drown",
                      "slice", "slit", "scratch", "punch", "hit", "shoot", "poison", "overdose",
                      "suffocate", "strangle", "unalive", "carve"},
    "CARER_HARM": {"hurt", "harm", "hit", "shake", "smack", "kill", "strangle", "slap", "punch",
                   "kick", "throttle", "batter", "beat", "smother", "suffocate", "throw",
                   "thump", "whack", "murder", "choke"},
    "BE": {"be", "get"},
    "MALE_ADULT": {"dad", "father", "stepdad", "stepfather", "uncle", "boyfriend", "partner",
                   "man", "fella", "bloke", "guy", "grandad", "granddad", "grandpa", "he", "ex",
                   "brother", "stepbrother", "cousin", "lodger", "someone", "husband"},
    "DRUG": {"tablet", "pill", "paracetamol", "painkiller", "medication", "medicine", "methadone",
             "ibuprofen", "aspirin", "capsule", "drug", "co-codamol", "codeine", "sleeping",
             "antidepressant", "insulin"},
    "FEAR": {"scared", "afraid", "frightened", "terrified", "petrified", "worried"},
    "MODAL": {"will", "might", "may", "could", "can", "shall", "would"},
    "QUANT": {"load", "loads", "lot", "lots", "bunch", "handful", "bottle", "box", "packet",
              "pack", "strip", "whole", "all", "number", "some", "few", "couple", "ten", "twenty",
              "thirty", "forty", "fifty", "hundred", "dozen"},
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
    elif body.startswith("$"):
        tok = {"LOWER": {"IN": sorted(_SETS[body[1:]])}}
    elif body.startswith("%"):
        tok = {"LEMMA": {"IN": sorted(_SETS[body[1:]])}}
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
        else:
            parts.append([[_token(spec)]])
    return [list(itertools.chain.from_iterable(combo)) for combo in itertools.product(*parts)]


# ---- extra checks: (doc, start, end) -> keep? -------------------------------------------------
_END_WORDS = {"now", "tonight", "today", "soon", "all", "and", "because", "i", "please",
              "right", "again", "this", "before"}


def _next(doc, i):
    return doc[i].lower_ if i < len(doc) else None


def _at_clause_end(doc, end) -> bool:
    nxt = _next(doc, end)
    return nxt is None or doc[end].is_punct or nxt in _END_WORDS


_MISSING_OBJECTS = {
    "school", "a", "an", "the", "his", "her", "their", "my", "your", "our", "lessons", "lesson",
    "class", "classes", "out", "appointments", "appointment", "him", "them", "home", "mum", "dad",
    "me", "you", "it", "some", "any", "lot", "lots", "work", "form", "forms", "bits", "documents",
    "pieces", "something", "anything", "payment", "payments", "money", "piece", "page", "pages",
    "information", "info", "details", "contact", "sessions", "days", "meals", "breakfast",
    "teeth", "tooth", "friends", "family", "nan", "grandad", "brother", "sister", "people",
}


def _missing_ok(doc, start, end):
    return _next(doc, end) not in _MISSING_OBJECTS


def _run_away_ok(doc, start, end):
    before = {t.lower_ for t in doc[max(0, start - 4):start]}
    return not before & {"threaten", "threatening", "threatens", "threatened", "want", "wants",
                         "talk", "talks", "talking", "about", "says", "said", "might", "will",
                         "would", "could", "to"}


_LEGAL = {"court", "solicitor", "solicitors", "lawyer", "tribunal", "police", "social",
          "council", "ombudsman", "appeal", "hospital", "school", "report", "mp", "judge",
          "contact", "services", "paying", "money"}


def _threat_obj_ok(doc, start, end):
    """"threaten to take us back to court" is not a threat of harm."""
    after = {t.lower_ for t in doc[start:min(len(doc), end + 6)]}
    return not after & _LEGAL


def _take_ok(doc, start, end):
    verb_lemmas = {t.lemma_ for t in doc[start:end]}
    if verb_lemmas & {"take", "find"}:
        if not any(t.lower_ in lx.OBJ_PRON | lx.CHILD for t in doc[start:min(len(doc), end + 3)]):
            return False
        return _threat_obj_ok(doc, start, end)
    return True


def _end_it_ok(doc, start, end):
    return _at_clause_end(doc, end)


def _risk_ok(doc, start, end):
    nxt = _next(doc, end)
    if nxt != "of":
        return True
    after = {t.lemma_ for t in doc[end + 1:end + 4]} | {t.lower_ for t in doc[end + 1:end + 4]}
    return bool(after & (lx.HARM_VERBS | {"harm", "abuse", "exploitation", "danger", "violence",
                                          "being", "significant", "suicide", "selfharm"}))


def _disappear_ok(doc, start, end):
    return _next(doc, end) not in {"for", "on", "to", "into", "off", "from", "with"}


def _make_pay_ok(doc, start, end):
    return _next(doc, end) not in {"back", "for", "the", "it", "towards", "rent", "money", "£",
                                   "more", "up", "extra", "tax", "bills", "a"}


def _terrified_ok(doc, start, end):
    return _next(doc, end) in {None, ",", ".", "!", "and", "now", "right", "tonight", "of"} or \
        doc[end].is_punct


def _whereabouts_ok(doc, start, end):
    return _at_clause_end(doc, end)


def _wake_ok(doc, start, end):
    return _next(doc, end) not in {"for", "in", "on", "before", "early", "when", "at", "till",
                                   "until", "properly", "by", "to"}


def _intox_ok(doc, start, end):
    word = doc[end - 1].lower_
    if word == "high":
        nxt = _next(doc, end)
        if nxt not in {None, "and", "again", "on", "with", "as", "off", "tonight", "now", "every",
                       "all", "when", "while", "in", "at"} and not doc[end].is_punct:
            return False
    # only with a child present: a child noun anywhere in the message, or "with them/her/him"
    words = {t.lower_ for t in doc}
    return bool(words & (lx.CHILD | {"driving", "car", "pram", "buggy"}))


def _abuse_noun_ok(doc, start, end):
    prev = doc[start - 1].lower_ if start else ""
    return prev not in {"substance", "drug", "drugs", "alcohol", "self", "verbal", "online",
                        "racial", "child-on-parent"} and _next(doc, end) not in {"drugs", "alcohol"}


def _weapon_ok(doc, start, end):
    return _next(doc, end) not in {"licence", "license", "crime", "skills", "safety", "and fork",
                                   "fork", "block", "drawer", "amnesty"}


def _no_food_ok(doc, start, end):
    return _next(doc, end) not in {"vouchers", "voucher", "bank", "money", "budget", "parcel",
                                   "parcels", "allergies", "allergy", "waste", "shopping"}


def _participle_ok(doc, start, end):
    """The passive rule wants "is being beaten", not "the red tape is suffocating"."""
    return not doc[end - 1].lower_.endswith("ing")


def _removal_ok(doc, start, end):
    """"says he's taking her" (away) but not "says he's taking her to the park"."""
    return _next(doc, end) not in {"to", "for", "swimming", "shopping", "out", "on", "into"} \
        and _threat_obj_ok(doc, start, end)


_SEXUAL_CONTEXT = {"bedroom", "bed", "private", "privates", "naked", "secret", "bath", "shower",
                   "sex", "sexual", "touch", "touches", "touched", "body", "clothes", "undressed"}


def _sexual_ok(doc, start, end):
    """"makes me do things" only counts in a sexual context ("in his bedroom", "naked")."""
    if any(t.lemma_ in {"make", "force", "get"} for t in doc[start:start + 1]) and \
            not any(t.lower_ == "sex" for t in doc[start:end]):
        return bool({t.lower_ for t in doc} & _SEXUAL_CONTEXT)
    return True


R = Rule
RULES: tuple[Rule, ...] = (
    # ---- self-harm and suicide --------------------------------------------------------------
    R("self_harm_reflexive", "self_harm", ("%SELFHARM_VERB $REFLEXIVE",), harm=True),
    R("self_harm_cut_body", "self_harm",
      ("l:cut|slice|slit|scratch|carve|burn $DET? $SELF_HARM_BODY",), harm=True),
    R("self_harm_word", "self_harm", ("re:^selfharm",), nominal=True),
    R("suicide_word", "self_harm", ("w:suicide|suicidal|suicidally",), nominal=True),
    R("want_to_die", "self_harm", (
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
    )),
    R("not_want_to_live", "self_harm", (
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
    ), neg_inside=True),
    R("end_life", "self_harm", (
        "l:end|take w:my|his|her|their|your w:own? w:life",
        "l:end|ending w:it w:all",
    )),
    R("end_it", "self_harm", ("w:end|ending w:it",), check=_end_it_ok),
    R("disappear", "self_harm", ("l:want|wish w:to w:just? l:disappear", "w:disappear w:forever"),
      check=_disappear_ok),
    R("overdose", "overdose", (
        "l:overdose",
        "l:take|swallow|eat|down w:a|an|the? $QUANT w:of? $DET? *? %DRUG",
        "l:take|swallow|eat|down re:^\\d+$ *? %DRUG",
        "l:swallow *{0,3} %DRUG",
        "l:swallow *{0,2} w:bleach|battery|batteries|magnet|magnets|detergent|pod|pods|liquitab",
    )),
    R("jump", "self_harm", (
        "l:jump w:off|from $DET? w:bridge|building|roof|cliff|balcony|window|car|multistorey",
        "l:jump|throw|step *? w:in w:front w:of",
    )),
    # ---- carer at breaking point -------------------------------------------------------------
    R("carer_might_harm", "carer_breaking_point", (
        "w:i $MODAL w:end? w:up? %CARER_HARM OBJ",
        "w:i w:am w:going w:to %CARER_HARM OBJ",
        "w:feel w:like *{0,3} %CARER_HARM OBJ",
        "w:i $MODAL? w:am? w:going? w:to? l:lash w:out",
        "w:what w:i $MODAL w:do",
        "$FEAR w:of w:myself",
        "$FEAR w:of w:what w:i",
    )),
    # ---- violence and abuse ------------------------------------------------------------------
    R("harm_person", "violence", ("%HARM OBJ",), harm=True),
    R("abuse_person", "abuse", ("l:abuse|neglect OBJ",), harm=True),
    R("harm_passive", "violence", (
        "%BE %BE? w:sexually|physically|badly|emotionally|seriously|really|repeatedly? %HARM",
        "%BE %BE? w:sexually|physically|badly|emotionally|seriously|really|repeatedly? "
        "l:abuse|neglect|rape|molest|groom|exploit|starve",
    ), harm=True, check=_participle_ok),
    R("harm_grab", "violence", (
        "l:grab|pin|hold|drag|pull|lift *{0,3} w:by w:the|his|her|my|their w:throat|neck|hair",
        "l:pin *{0,2} w:against|to w:the w:wall|floor|bed",
        "l:throw|push|slam|shove|kick OBJ w:against|down|into|across|at|onto|off|downstairs",
        "w:hands|hand|hold|grip w:round|around $DET? w:throat|neck",
    ), harm=True),
    R("weapon", "threat", (
        "l:have|get|hold|wave|carry|pull|grab|brandish|with|'s w:got? $DET? "
        "w:knife|knives|gun|machete|hammer|blade|weapon|axe|bat|screwdriver|crowbar|sword",
        "w:knife|gun|blade|machete w:to $DET? w:throat|head|neck|face",
    ), check=_weapon_ok),
    R("violence_word", "violence", (
        "w:domestic w:violence|abuse",
        "w:abuse|violence|abusive|violent",
    ), nominal=True, check=_abuse_noun_ok),
    R("injuries", "abuse", (
        "w:unexplained|unexplainable w:injuries|injury|bruises|bruising|marks|burns|fractures|fracture",
        "w:bruises|bruising|marks|burns|welts|cuts w:all w:over",
        "l:cover w:in w:bruises|burns|marks|bruising|cuts|welts",
        "l:come w:back|home *{0,4} w:with $DET? w:bruises|bruising|marks|burns|cuts|injuries|bruise",
        "w:black w:eye",
        "w:finger|fingertip|bite|belt|slap|hand|strap w:marks",
        "w:cigarette w:burns",
    ), harm=True),
    R("locked_in", "abuse", (
        "l:lock OBJ w:in|out|up|inside|away",
        "w:kept|held|locked|trapped w:in|inside $DET? "
        "w:flat|house|room|cupboard|cellar|shed|car|bedroom|basement",
    )),
    # ---- sexual abuse and exploitation -------------------------------------------------------
    R("sexual_touch", "sexual_abuse", (
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
    ), harm=True, check=_sexual_ok),
    R("sexual_words", "sexual_abuse", (
        "l:rape|molest|groom",
        "w:raped|raping|rapist|molested|molesting|groomed|grooming",
        "w:sexually l:abuse|assault|exploit|touch|harass|abusing|assaulted|exploited|touching",
        "w:sexual w:abuse|assault|exploitation|harassment|exploiting",
        "w:cse|cce|csa",
        "l:pimp",
    ), nominal=True),
    R("sexual_images", "sexual_abuse", (
        "w:naked|nude|indecent|explicit|dirty|sexy|rude "
        "w:pictures|pics|photos|images|selfies|videos|picture|photo|pic|image|video",
        "w:nudes",
    ), nominal=True),
    R("exploitation", "exploitation", (
        "l:exploit",
        "w:county w:lines",
        "w:drug|drugs w:debt|debts",
        "w:sell|selling|sells|sold|carry|carrying|deliver|delivering|running|holding|stash|"
        "stashing|move|moving w:drugs|packages|parcels|weed|gear|crack|coke|cannabis w:for",
        "w:forced|made|making|force|forcing|makes|pressured|pressuring *{0,3} w:to "
        "w:sell|carry|deliver|hold|run|move|stash",
        "w:man|men|lad|lads|guy|guys|stranger|strangers|bloke|blokes w:in $DET? w:car|cars|van",
    ), nominal=True),
    # ---- missing child -----------------------------------------------------------------------
    R("missing", "missing_child", (
        "l:be|go|get|report|gone|went w:missing",
        "w:missing w:person|persons|child|children|report|since|overnight|again",
    ), check=_missing_ok),
    R("not_come_home", "missing_child", (
        "w:not w:come|came|got|gotten|been|returned|come w:back? w:home",
        "w:not w:returned|returning",
        "w:not w:brought|bring|brung|give|given|hand|handed *{0,3} w:back",
        "w:refuse|refusing|refuses|refused w:to w:return|bring|give|hand",
        "w:not l:be|have w:seen|heard w:of|from? w:since|for",
        "w:can w:not w:find CHILDOBJ",
    ), neg_inside=True),
    R("whereabouts", "missing_child", (
        "w:no w:idea|clue w:where w:she|he|they|my|our|the|his|her|your *{0,2} l:be",
        "w:not l:know w:where w:she|he|they|my|our|the|his|her|your *{0,2} l:be",
        "w:not w:say|tell w:me|us? w:where w:she|he|they|my|our|the|his|her|your *{0,2} l:be",
    ), neg_inside=True, check=_whereabouts_ok),
    R("missing_words", "missing_child", (
        "w:nowhere w:to w:be w:found",
        "w:whereabouts w:unknown",
        "w:awol|absconded|absconding",
        "w:last w:seen",
        "w:been|gone w:gone|missing|out w:for? re:^(\\d+|two|three|four|five|a|all|several)$ "
        "w:days|hours|nights|day|night|weekend",
    )),
    R("run_away", "missing_child", ("l:run w:away|off",), check=_run_away_ok),
    R("abduction", "missing_child", (
        "l:snatch|abduct|kidnap",
        "w:snatched|abducted|kidnapped",
        "w:taken|took|taking w:off? CHILDOBJ w:abroad|away",
        "l:run w:off w:with CHILDOBJ",
    )),
    # ---- threats -----------------------------------------------------------------------------
    R("threaten_to", "threat", ("l:threaten w:to *{0,4} %THREAT",), check=_take_ok),
    R("threaten_person", "threat", (
        "l:threaten OBJ",
        "l:threaten w:my|his|her|their|our|your w:life|lives|family",
    ), check=_threat_obj_ok),
    R("threaten_suicide", "self_harm", ("l:threaten w:suicide|selfharm",)),
    R("future_harm", "threat", (
        "$PERSON_SUBJ w:will w:really|actually|definitely|literally? %THREAT",
        "$PERSON_SUBJ l:be w:going w:to %THREAT",
        "$PERSON_SUBJ l:be w:coming w:to w:get",
    ), check=_take_ok),
    R("removal_threat", "threat", (
        "l:say|tell|threaten|text|message|shout|scream *{0,2} $PERSON_SUBJ l:be w:taking CHILDOBJ",
        "l:say|tell|threaten|text|message|shout|scream *{0,2} $PERSON_SUBJ l:be w:taking w:me",
    ), check=_removal_ok),
    R("make_pay", "threat", ("w:make w:you|us|me|them|him|her w:pay",), check=_make_pay_ok),
    R("property_violence", "violence", (
        "l:smash $DET? w:window|windows|door|glass|windscreen|house|place|car|tv|furniture|up",
        "l:kick|break $DET? w:door|doors w:in|down",
        "l:try w:to w:break|force w:in|into",
    ), harm=True),
    # ---- danger, fear, safety ----------------------------------------------------------------
    R("not_safe", "unsafe", (
        "w:not l:feel w:safe",
        "l:be w:not w:safe",
        "l:feel|be w:unsafe",
    ), neg_inside=True),
    R("scared_home", "unsafe", ("$FEAR w:to w:go w:home|back",)),
    R("scared_of_person", "unsafe", ("$FEAR w:of OBJ",)),
    R("fear_for_life", "safety_concern", (
        "l:fear|scare|afraid|frighten|worry|terrify w:for $DET w:life|lives|safety",
    )),
    R("in_danger", "safety_concern", (
        "w:in w:immediate|real|serious|any? w:danger",
        "w:at w:immediate|real|serious|significant|high? w:risk",
        "w:danger w:to w:himself|herself|themselves|themself|others|me|us|him|her",
        "w:it|this l:be w:an w:emergency",
    ), check=_risk_ok),
    R("worried_safety", "safety_concern", (
        "l:worry|concern|scare|frighten|fear|terrify|afraid|anxious|worried *{0,6} w:safety",
    ), nominal=True),
    R("children_terrified", "unsafe", (
        "$CHILD l:be w:so|really|absolutely? w:terrified|petrified|scared|frightened",
    ), check=_terrified_ok),
    # ---- neglect and medical -----------------------------------------------------------------
    R("no_food", "neglect_now", ("w:no w:food",), neg_inside=True, check=_no_food_ok),
    R("not_fed", "neglect_now", (
        "w:not l:eat w:since|for|in|all|anything",
        "w:not l:be w:fed",
        "w:not l:feed OBJ",
        "w:not l:give OBJ w:any? w:food",
    ), neg_inside=True),
    R("left_alone", "neglect_now", (
        "l:leave CHILDOBJ w:home? w:alone",
        "l:leave CHILDOBJ w:on $DET w:own",
        "l:be w:left w:home? w:alone",
        "l:be w:left w:on $DET w:own",
        "w:home w:alone",
    ), nominal=True),
    R("intoxicated_carer", "neglect_now", (
        "l:be|get|turn w:up|really|so|completely|off? $INTOX",
    ), check=_intox_ok),
    R("medical", "medical_emergency", (
        "w:not|stopped|stop w:breathing",
        "w:unconscious|unresponsive",
        "w:will w:not w:wake w:up",
        "l:be w:choking",
        "w:collapsed",
    ), neg_inside=True, check=_wake_ok),
)

# Figurative uses: a harm match overlapping one of these is dropped. Lower-case, normalised
# like the input (engine.py runs them through the same normaliser).
IDIOMS = (
    "hit us hard", "hit me hard", "hit him hard", "hit her hard", "hit them hard", "hit hard",
    "hits hard", "hit the ground running", "hit a wall", "hit a brick wall", "hit the roof",
    "hit the nail", "hit and miss", "hit it off", "hit me up", "hits home", "hit home",
    "dying to", "dying for", "to die for", "killing me", "killing us", "killing it", "kill time",
    "could kill for", "could murder", "murder on", "death of me", "bored to death",
    "scared to death", "worried to death", "sick to death", "frightened to death",
    "knocked me sideways", "knocked us sideways", "knock me sideways", "knocked for six",
    "knocked me for six", "beat myself up", "beating myself up", "beat me to it",
    "beat me at", "beat him at", "beat her at", "beats me at", "kick myself", "kicking myself",
    "kicked myself", "killing myself laughing", "kill myself laughing", "nearly died laughing",
    "drowning in", "head is exploding", "head exploding", "head is going to explode",
    "head is spinning", "a nightmare", "panic attack", "heart attack", "asthma attack",
    "anxiety attack", "shot up", "shooting game", "car crash", "in at the deep end",
    "fighting the case", "fighting for", "hurt my feelings", "hurts my feelings",
    "hurt his feelings", "hurt her feelings", "kicking off", "kick off", "kicked off",
    "kicks off", "killer", "kill two birds", "dead on my feet", "dead tired", "going under",
    "end of my tether", "end of my rope", "wits end", "slap on the wrist", "punch above",
    "punching above", "kick in the teeth", "take a hit", "took a hit", "taking a hit",
    "stab in the dark", "have a stab", "over my dead body", "cut myself off", "cut herself off",
    "cut himself off", "cutting myself off", "burn out", "burnt out", "burned out",
    "burning out", "drive me mad", "driving me mad", "shaken up", "shook up", "cost of living",
    "kicked him out", "kicked her out", "kick him out", "kick her out", "hit the hay",
    "hit the sack", "hit the shops", "hit the road", "nothing to lose", "beat the",
    "hurt myself laughing", "hurts to see", "hurt to see", "killing time", "hit a nerve",
    "hit rock bottom with", "missing out", "shoot me an", "shoot him an", "shoot her an",
    "scared of the dark", "at breaking point with", "ran out of", "run out of", "running out of",
    "run away with the idea", "run off my feet", "run off our feet", "ran off my feet",
)
