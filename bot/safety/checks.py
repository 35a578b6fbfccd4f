"""Extra tests on a rule's match: ``check(doc, start, end) -> keep?``.

A rule in bot/safety/patterns/rules/ names its check (``check: future``); CHECKS maps each name
to its function. A check looks at the words around the match (the next word, the words before,
the whole message) to set aside an everyday sense ("make us pay the rent", "knife crime"). The
words it looks for are data, in bot/safety/patterns/check_words.yaml, read by rules.py and
handed over by ``bind`` before any message is assessed; W holds them by name. Small fixed
grammar (pronouns, "for"/"out", pairs like "i ... my") stays in the code.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from . import lexicon as lx

Check = Callable[..., bool]

# The word lists of check_words.yaml, by name (filled by `bind`), and the sets the checks build
# from them with the lexicon.
W: dict[str, frozenset[str]] = {}

# Every list of check_words.yaml the checks read: rules.py refuses a file without one of them,
# or with a list none of them reads.
WORD_LISTS = (
    "clause_end_words", "attempt_words", "curfew_next", "find_out_asking_before", "on_offer_before", "weapon_toy_before", "missing_objects", "absent_parents", "not_people", "run_away_place_next",
    "run_away_talk_before", "legal", "risk_of", "disappear_not_next", "make_pay_not_next",
    "terrified_next", "wake_not_next", "high_next", "intox_child_things", "abuse_kind_before",
    "abuse_media_after", "weapon_not_next", "no_food_not_next", "same_participle",
    "removal_not_next", "removal_by_authority", "school_killers", "feared_roles", "trouble_words", "missing_still_now", "hyperbole_offices", "news_seen", "news_words", "head_injury_signs", "got_in_places", "losing_child", "rope_for_play", "whereabouts_things", "asking_before", "sexual_context", "take_away_next", "take_away_then", "get_them_then",
    "break_body_parts", "laughter", "joke_taken_back_after_not", "kill_if", "kill_if_skip", "disclose", "child_things",
    "bleeding_next", "fear_for_next", "away_for_a_reason", "distress", "put_out_verbs", "put_out_through", "gone_not_next",
    "institutions", "not_answering_signs", "dead_not_next", "hiding_who", "data_words",
    "household_product_next",
    "intox_now_words", "gifts", "services_not_next", "despair_not_next", "body_harm_verbs",
    "child_needs", "bed_not_next", "hyperbole_verbs", "games", "video_games", "finds_out", "hopeless",
    "high_places", "taken_words", "fall_signs", "offender_now_words", "leaving_now_words",
    "not_the_carer_words", "gone_out_words", "taken_signs", "away_signs", "missing_signs",
    "head_injury_words", "co_symptoms", "live_where_next", "wake_someone_next", "care_now_next", "not_belongings",
    "missing_role_next", "weapon_interest", "fear_words", "pets", "telling", "threat_for_telling_not_by",
    "kept_things", "everyday_fears", "lately_words", "fear_of_words", "described_as_older",
    "authorities",
)  # fmt: skip


def bind(words: Mapping[str, frozenset[str]], sets: Mapping[str, frozenset[str]]) -> None:
    """Hand the checks their word lists (check_words.yaml) and the rules' word sets (sets.yaml)."""
    W.clear()
    W.update(words)
    W["risk_of"] = lx.HARM_VERBS | words["risk_of"]
    W["intox_child_things"] = lx.CHILD | words["intox_child_things"]
    W["child_words"] = lx.CHILD | words["child_things"]
    W["hiding_who"] = lx.CHILD | words["hiding_who"]
    W["online"] = sets["ONLINE"]
    W["institutions_named"] = words["institutions"] - {"they", "them", "nobody", "anyone"}


def _next(doc, i):
    return doc[i].lower_ if i < len(doc) else None


def _any_other(doc, start, end, words) -> bool:
    """One of `words` in the message outside the match."""
    return any(t.lower_ in words for t in doc if t.i < start or t.i >= end)


def _any_after(doc, end, words) -> bool:
    """One of `words` after the match."""
    return any(t.lower_ in words for t in doc[end:])


def _at_clause_end(doc, end) -> bool:
    nxt = _next(doc, end)
    return nxt is None or doc[end].is_punct or nxt in W["clause_end_words"]


def missing(doc, start, end):
    """Someone missing: not "missing school", "the missing forms" (check_words.yaml
    `missing_objects`, `not_people`); not a time already over, "went missing for 2 hours
    yesterday" or "... turned out she was at her mate's" (development set 61, 2026-12-07), but
    still "went missing for 2 hours now", "has been missing for 2 hours"."""
    before = {t.lower_ for t in doc[max(0, start - 2) : start]}
    if _next(doc, end) in W["missing_objects"] or before & W["not_people"]:
        return False
    if _TURNED_UP_AFTER.search(doc[end:].text):
        return False
    after = [t.lower_ for t in doc[end : end + 6]]
    return not (
        doc[start].lower_ == "went"
        and after[:1] == ["for"]
        and not set(after) & W["missing_still_now"]
    )


def run_away(doc, start, end):
    before = {t.lower_ for t in doc[max(0, start - 4) : start]}
    # a toddler who "keeps running off in the supermarket"
    if _next(doc, end) in W["run_away_place_next"] and before & {
        "keeps",
        "keep",
        "kept",
        "always",
        "often",
    }:
        return False
    if before & W["run_away_talk_before"]:
        return False
    # over by the time of writing: "ran off in the park ... she came back laughing", "I came
    # back after like 20 mins" (never "has not come back")
    return not _BACK_AFTER.search(doc[end:].text)


_BACK_AFTER = re.compile(
    r"\b(she|he|they|we|i|she has|he has|they have|she is|he is) (came|come|got) back\b"
    r"(?! (yet|from|now\?))"
    # "ran off to his dad's last night after a row ... he is back home now" (2026-12-05)
    r"|\b(she|he|they) (is|are) (back home|back now|back safe|home safe|safe at home|back with"
    r" (us|me))\b(?!\?)",
    re.IGNORECASE,
)


def _feared_removal(doc, start, end) -> bool:
    """ "I'm frightened they'll take her off me": a carer's fear that the child will be taken
    into care, not a threat (development set 48, 2026-12-06): "they" taking a child "off me" or
    "away from me", with a word of fear, or the council or a social worker ("if i tell the social
    worker they'll take them off me": development set 82, 2026-12-07), in the six words before."""
    if doc[start].lower_ != "they":
        return False
    after = " ".join(t.lower_ for t in doc[end : end + 5])
    if not re.search(r"\b(off|away from) (me|us)\b|\binto care\b", after):
        return False
    before = {t.lower_ for t in doc[max(0, start - 6) : start]}
    return bool(before & (W["fear_words"] | W["removal_by_authority"]))


def threat_obj(doc, start, end):
    """ "threaten to take us back to court" is not a threat of harm. Only the words of the
    threat's own clause count ("she is taking them. social workers gone home", "shouting that
    he's taking the kids, school have locked down" are threats: development set 39,
    2026-12-06)."""
    after = set()
    for t in doc[start : min(len(doc), end + 6)]:
        if t.i >= end and t.lower_ in {".", "!", "?", ",", ";"}:
            break
        after.add(t.lower_)
    return not after & W["legal"]


def _a_belonging(after: list[str]) -> bool:
    """ "going to smash my guitar": someone's belonging (check_words.yaml `not_belongings`
    aside: a home, a car), not a person or a body ("smash his face in")."""
    if len(after) < 2 or after[0] not in {"my", "his", "her", "their", "your"}:
        return False
    noun = after[1]
    return noun.isalnum() and noun not in lx.PERSON | lx.BODY and noun not in W["not_belongings"]


def _a_pet(doc, end) -> bool:
    """ "he'll kill the dog when it chews his toys": a pet, not a person (development set 47,
    2026-12-06)."""
    return (
        end + 1 < len(doc)
        and doc[end].lower_ in {"the", "his", "her", "their", "my", "our"}
        and doc[end + 1].lower_ in W["pets"]
    )


def take(doc, start, end):
    # "she threatened to kill me because I took her phone lol": laughter, as in `future`
    for i in range(start, min(end, len(doc) - 1)):
        if doc[i].lemma_ in {"kill", "murder"} and doc[i + 1].lower_ in {"me", "us"}:
            if _jokey_kill(doc, i + 1):
                return False
    words = [t.lower_ for t in doc[start:end]]
    if "to" in words and doc[end - 1].lemma_ == "do":
        # "she threatened to run away if i didnt let her go": leaving, and "do" only the end of
        # what the writer did (development set 66, 2026-12-07), not "threatened to do something"
        after = words[words.index("to") + 1 : words.index("to") + 3]
        if after[:1] in (["run"], ["go"], ["move"]) and after[1:2] in (["away"], ["off"], ["out"]):
            return False
    if doc[end - 1].lemma_ == "get" and _next(doc, end) in {"me", "us", "him", "her", "them"}:
        # "threatened to ring childline and get me arrested" (development set 85, 2026-12-07):
        # trouble with the law or school, not a harm (check_words.yaml `trouble_words`)
        after = {t.lower_ for t in doc[end + 1 : end + 3]}
        if after & W["trouble_words"]:
            return False
    verb_lemmas = {t.lemma_ for t in doc[start:end]}
    if verb_lemmas & {"take", "find"}:
        if not any(t.lower_ in lx.OBJ_PRON | lx.CHILD for t in doc[start : min(len(doc), end + 3)]):
            return False
        return threat_obj(doc, start, end)
    return True


def came_home_later(doc, start, end):
    """ "didn't come home till 1am ... turned out he was at his mate's": home again by the time
    of writing (never "hasn't come home, it's 1am"). Nor things kept back: "she has the kids'
    passports and won't give them back" ("them" after a thing of check_words.yaml
    `kept_things`, with no child named between)."""
    if _next(doc, end) in {"till", "until", "til"}:
        return False
    if _things_kept(doc, start, end):
        return False
    return not _TURNED_UP_AFTER.search(doc[end:].text)


def lately(doc, start, end):
    """The message names a time that is still now: "last night", "this morning", "today",
    "hours ago" (check_words.yaml `lately_words`, and "last" before "night")."""
    words = [t.lower_ for t in doc]
    if set(words) & W["lately_words"]:
        return True
    return any(
        a in {"last", "this"} and b in {"night", "morning", "afternoon", "evening"}
        for a, b in zip(words, words[1:], strict=False)
    )


def _things_kept(doc, start, end) -> bool:
    """The match gives back "them" or "it", a thing is named in the twelve words before
    (check_words.yaml `kept_things`), and no child is, but as the owner of the thing ("the kids'
    passports"): "he has the children and their passports and won't give them back" stays."""
    if not {t.lower_ for t in doc[start:end]} & {"them", "it"}:
        return False
    words = [t.lower_ for t in doc[max(0, start - 12) : start] if not t.is_punct]
    if not set(words) & W["kept_things"]:
        return False
    for i, low in enumerate(words):
        owner = i + 1 < len(words) and words[i + 1] in W["kept_things"] | {"s"}
        if (low in lx.CHILD or low in {"him", "her", "kids", "children"}) and not owner:
            return False
    return True


# After "went missing ...": found, and safe ("found her curled up asleep in the dogs basket":
# development set 65, 2026-12-07)
_TURNED_UP_AFTER = re.compile(
    r"\b(turned out (she|he|they) (was|were|had)|(she|he|they) turned up (at|later|safe|fine)"
    r"|found (her|him|them) (safe|fine|asleep|hiding|curled|playing|sat|sitting|watching|behind)"
    # "didnt come home, he rolled in at 5 without a scratch on him" (development set 87)
    r"|(she|he|they) (rolled|strolled|sauntered|wandered|crept|snuck|sneaked) (in|back|home) "
    r"(at|about|around|later))\b",
    re.IGNORECASE,
)


def end_it(doc, start, end):
    return _at_clause_end(doc, end)


def risk(doc, start, end):
    nxt = _next(doc, end)
    if nxt != "of":
        return True
    after = {t.lemma_ for t in doc[end + 1 : end + 4]} | {t.lower_ for t in doc[end + 1 : end + 4]}
    return bool(after & W["risk_of"])


def disappear(doc, start, end):
    if _next(doc, end) == "for" and _next(doc, end + 1) in {"good", "ever"}:
        return True
    return _next(doc, end) not in W["disappear_not_next"]


def make_pay(doc, start, end):
    return _next(doc, end) not in W["make_pay_not_next"]


def terrified(doc, start, end):
    """ "the children are terrified" at the end of a clause or before "of him" (check_words.yaml
    `terrified_next`); not of a creature or a thing of everyday fears named near ("there's a
    wasps' nest by the door and the kids are terrified": `everyday_fears`; test sentences of
    tests/safety/test_unit.py, 2026-12-06)."""
    near = {t.lower_ for t in doc[max(0, start - 10) : end + 6]}
    if near & W["everyday_fears"]:
        return False
    nxt = _next(doc, end)
    return nxt is None or nxt in W["terrified_next"] or doc[end].is_punct


def whereabouts(doc, start, end):
    """Someone's whereabouts unknown, not a child's absent parent's: "the passport office wants
    parents' consent and I've no idea where her dad is" (development set 43, 2026-12-06). Only
    "her/his/their" parent: "I don't know where my mum is" may be a child left alone."""
    toks = [t.lower_ for t in doc[start:end]]
    if "where" in toks and set(toks[toks.index("where") + 1 :]) & W["whereabouts_things"]:
        return False  # "I dont know where the forms are" (development set 74, 2026-12-07)
    if "where" in toks:
        after = toks[toks.index("where") + 1 :]
        if (
            after[:1] in (["her"], ["his"], ["their"])
            and after[1:2]
            and (after[1] in W["absent_parents"])
        ):
            return False
    return _at_clause_end(doc, end)


def whereabouts_unknown(doc, start, end):
    """A child's whereabouts unknown, not a parent's ("mum's whereabouts unknown")."""
    before = {t.lower_ for t in doc[max(0, start - 3) : start]}
    return not before & W["absent_parents"]


def wake(doc, start, end):
    return _next(doc, end) not in W["wake_not_next"]


def intox(doc, start, end):
    word = doc[end - 1].lower_
    if word == "high":
        nxt = _next(doc, end)
        if nxt is not None and nxt not in W["high_next"] and not doc[end].is_punct:
            return False
    # only with a child present: a child noun anywhere in the message (or a baby's things, or an
    # age in months), or "with them/her/him"
    words = {t.lower_ for t in doc}
    if re.search(r"\bmonths? ?-? ?old\b", doc.text):
        return True
    return bool(words & W["intox_child_things"])


def abuse_noun(doc, start, end):
    prev = doc[start - 1].lower_ if start else ""
    return prev not in W["abuse_kind_before"] and _next(doc, end) not in W["abuse_media_after"]


def weapon(doc, start, end):
    """A weapon, not "knife crime" nor a toy ("a nerf gun", "a plastic sword")."""
    before = doc[end - 2].lower_ if end - 2 >= start else ""
    if start > 0 and doc[start].lower_ == "with" and doc[start - 1].lower_ in W["weapon_interest"]:
        return False  # "obsessed with knives ... he wants to be a chef"
    return _next(doc, end) not in W["weapon_not_next"] and before not in W["weapon_toy_before"]


def no_food(doc, start, end):
    return _next(doc, end) not in W["no_food_not_next"]


def _someone_might_get(doc, start) -> bool:
    """ "I'm worried someone's going to get attacked walking home": a worry about anyone, some
    day (test sentences of tests/safety/test_unit.py, 2026-12-06); never "she's going to get
    hurt" of a named child."""
    if doc[start].lower_ not in {"get", "be"}:
        return False
    before = [t.lower_ for t in doc[max(0, start - 6) : start]]
    future = before[-2:] == ["going", "to"] or before[-1:] in (["gonna"], ["might"], ["could"])
    return future and bool(set(before) & {"someone", "somebody", "anyone", "anybody", "people"})


def participle(doc, start, end):
    """The passive rule wants "is being beaten", not "the red tape is suffocating" or "this
    teething is torture" (a noun)."""
    last = doc[end - 1]
    if last.lower_.endswith("ing"):
        return False
    if _someone_might_get(doc, start):
        return False
    after = [t.lower_ for t in doc[end : end + 6]]
    if "by" in after[:2] and set(after) & W["pets"]:
        return False  # "we got attacked by a gang of seagulls at whitby" (development set 74)
    if not not_put_out(doc, start, end):  # "got kicked out her flat": put out, not beaten
        return False
    if last.lower_ in (last.lemma_ + "s", last.lemma_ + "es"):
        return False  # "to get glasses" is a plural, not "glassed" (development set 41)
    return last.lower_ != last.lemma_ or last.lower_ in W["same_participle"]


def done_not_asked(doc, start, end):
    """ "took the child from the park in breach of the order" is being done; "can I take her on
    holiday without permission?" is asked: not when a word of asking or of permission comes in
    the few words before the match."""
    before = {t.lower_ for t in doc[max(0, start - 4) : start]}
    return not before & W["asking_before"]


_BACK_WHEN = re.compile(
    r"^back (when|whenever|once|if|as soon as) (she|he|they) (is|are|s|re|gets?|get) "
    r"(clean|sober|better|well|off|out|sorted|settled|ready)\b"
)


def removal(doc, start, end):
    """ "says he's taking her" (away) but not "says he's taking her to the park", nor a parent's
    hope of having the children back once well: "she'll have them back whenever she's clean"
    (development set 43, 2026-12-06), nor the council or a court doing the taking."""
    after = " ".join(t.lower_ for t in doc[end : end + 6])
    if _BACK_WHEN.match(after):
        return False
    if {t.lower_ for t in doc[max(0, start - 6) : start]} & W["removal_by_authority"]:
        return False  # "if the council ever tries to take them": the law, not a snatch
    return _next(doc, end) not in W["removal_not_next"] and threat_obj(doc, start, end)


def sexual(doc, start, end):
    """ "makes me do things" only counts in a sexual context ("in his bedroom", "naked")."""
    if any(t.lemma_ in {"make", "force", "get"} for t in doc[start : start + 1]) and not any(
        t.lower_ == "sex" for t in doc[start:end]
    ):
        return bool({t.lower_ for t in doc} & W["sexual_context"])
    return True


def future(doc, start, end):
    """Future harm: "he will hurt her". Verbs with everyday meanings need more ("he will take
    her away", "she'll do him in", "he will break her legs")."""
    verb = doc[end - 1].lemma_
    after = [t.lower_ for t in doc[end : min(len(doc), end + 5)]]
    if verb in {"take", "find", "grab", "snatch", "get", "remove"}:
        if "force" in after and "by" in after:
            return True  # "remove him by force"
        if _feared_removal(doc, start, end):
            return False
        if not after or after[0] not in lx.OBJ_PRON | lx.CHILD | lx.DET:
            return verb in {"snatch"}
        k = 1
        while k < len(after) and after[k] in lx.DET | lx.ADJ | lx.CHILD:
            k += 1
        nxt = after[k] if k < len(after) else None
        if nxt is None or (k < len(doc) - end and doc[end + k].is_punct):
            return threat_obj(doc, start, end)
        if nxt in {"for", "out"}:
            return k + 1 < len(after) and after[k + 1] in W["take_away_then"]
        if verb == "get" and nxt not in W["get_them_then"]:
            return False
        return nxt in W["take_away_next"] and threat_obj(doc, start, end)
    if verb == "do":
        return (
            "in" in after[:3]
            or after[:2] == ["something", "to"]
            or after[:3] in (["something", "bad", "to"], ["something", "stupid", "to"])
        )
    if verb == "break":
        return bool(set(after) & W["break_body_parts"])
    if verb in {"smash", "torch"} and _a_belonging(after):
        return False
    if verb in W["hyperbole_verbs"] and after and after[0] in {"me", "us"}:
        return not _jokey_kill(doc, end)
    if _a_pet(doc, end):
        return False
    if verb in {"end", "ruin"}:
        return (
            bool(after) and after[0] in lx.OBJ_PRON and (len(after) == 1 or doc[end + 1].is_punct)
        )
    return threat_obj(doc, start, end) or verb not in {"take", "get"}


_SAME_LETTERS = re.compile(r"(.)\1+")
_LAUGH_SYLLABLES = re.compile(r"^(ha|he|ah|hah)+h?$")


def laughs(doc) -> bool:
    """The message laughs: "lol", "haha", and their drawn-out forms ("lmaooo", "hahahaha",
    "lolll")."""
    return laughing_words([t.lower_ for t in doc])


def laughing_words(words: list[str], without: frozenset[str] = frozenset()) -> bool:
    """`laughs`, on a message's normalised words (`without` some of the laughter words). A
    laugh taken back just after ("jk jk... not really", check_words.yaml
    `joke_taken_back_after_not`) is no laugh."""
    for i, low in enumerate(words):
        if low in without:
            continue
        laugh = low in W["laughter"] or (
            len(low) > 3
            and low.isalpha()
            and (_SAME_LETTERS.sub(r"\1", low) in W["laughter"] or _LAUGH_SYLLABLES.match(low))
        )
        if laugh and not _taken_back(words, i + 1):
            return True
    return False


def _taken_back(words: list[str], start: int) -> bool:
    """A joke taken back within the next five words: "not really", "not joking"."""
    window = [w for w in words[start : start + 5] if w.isalpha()]
    return any(
        w in W["joke_taken_back_after_not"] and i and window[i - 1] in {"not", "no"}
        for i, w in enumerate(window)
    )


def at_a_game(doc, end) -> bool:
    """A harm followed by "at" or "in" and a game or a sport (check_words.yaml `games`): "my nan
    beats me at cards", "he battered me in a pillow fight", "he's gonna murder me at monopoly" (read
    for every rule that names a harm or a threat: bot/safety/engine.py `_weigh`). Never "beat me
    at home", "hit me in the face"."""
    if end < len(doc) and doc[end].lower_ in {"me", "him", "her", "us", "them", "you"}:
        end += 1  # a threat's match ends before its object: "gonna murder me at monopoly"
    if end < len(doc) and doc[end].lower_ in {"at", "in"}:
        return not {t.lower_ for t in doc[end + 1 : end + 4]}.isdisjoint(W["games"])
    # a few words on, the game named: "he's going to throw me off the roof in minecraft"
    # (development set 34, 2026-12-06), or what sets it off: "he'll stab me if i beat him at
    # fifa again" (test sentences of tests/safety/test_unit.py, 2026-12-06)
    for i in range(end, min(end + 7, len(doc) - 1)):
        if doc[i].lower_ in {"in", "on", "into", "at"}:
            after = doc[i + 1 : i + 3]
            named = (
                after[1:]
                if after and after[0].lower_ in {"the", "a", "his", "her", "their", "my"}
                else after[:1]
            )
            if any(t.lower_ in W["video_games"] for t in named):
                return True
    return False


def carer_hyperbole(doc, start, end):
    """ "I'll murder him when he gets in", "I'll kill him if he's left his PE kit at school
    again": a carer's figure of speech about a child's everyday doings, not a risk to the child.
    Only the words of hyperbole (check_words.yaml `hyperbole_verbs`) followed by "when/if he
    ..."; "I'll kill him" on its own, "before I hurt him", or "I'll hit him if he ..." stay."""
    if laughs(doc):
        return False
    if not {t.lemma_ for t in doc[start:end]} & W["hyperbole_verbs"]:
        return True
    if last_straw(doc, start, end) or at_a_game(doc, end) or _game_grievance(doc, start):
        return False
    after = [t.lower_ for t in doc[end : min(len(doc), end + 4)] if not t.is_punct]
    return not _when_they(after) and not office_hyperbole(doc, start, end)


def _game_grievance(doc, start) -> bool:
    """A video game named in the words just before the words of hyperbole ("someone raided my
    minecraft server and burned my whole base down i swear im gonna kill him": development set
    80, 2026-12-07): a grudge in a game, not a risk to anyone."""
    return any(t.lower_ in W["video_games"] for t in doc[max(0, start - 15) : start])


def news_story(words: list[str], positions: list[int], start: int, end: int | None = None) -> bool:
    """A sentence's `words` (at `positions` in the message) tell a story from the news before the
    danger rule's match at `start` ("Saw on the news a kinship carer in Leeds was attacked by the
    child's father": development set 64, 2026-12-07): a seeing or reading word
    (check_words.yaml `news_seen`), "on/in (the)" and a word of `news_words`; never when the
    writer's own people are in the sentence from there on ("my", "our", "us"), nor "me" before the
    match's `end` (after it, "me" is the writer's reaction: "... got stabbed by her grandson,
    freaked me right out", development set 78, 2026-12-07)."""
    for i in range(len(words) - 2):
        if positions[i] >= start:
            break
        if words[i] not in W["news_seen"] or words[i + 1] not in {"on", "in"}:
            continue
        rest = list(zip(words[i + 2 :], positions[i + 2 :], strict=True))
        if rest[:1] and rest[0][0] == "the":
            rest = rest[1:]
        if rest[:1] and rest[0][0] in W["news_words"]:
            own = {"my", "our", "me", "us", "mine", "ours"}
            inside = {w for w, p in rest if end is None or p < end}
            # after the match, "me" is the writer's reaction ("freaked me out"), not a person in
            # the story; "my", "our", "us" still are ("... stabbed outside my grandson's school")
            after = {w for w, p in rest if end is not None and p >= end}
            return not (inside & own or after & (own - {"me"}))
    return False


def serious_head_injury(doc, start, end) -> bool:
    """A head injury with a sign it is serious in the message (check_words.yaml
    `head_injury_signs`: sick, seeing double, staring, drowsy ...; "not crying", "2 of
    everything"), not a bump on its own."""
    words = [t.lower_ for t in doc]
    if set(words) & W["head_injury_signs"]:
        return True
    text = " ".join(words)
    return bool(re.search(r"\b(not|nt|n't) crying\b|\b(2|two) of everything\b", text))


def got_in(doc, start, end) -> bool:
    """A cry for help that someone has got in ("help. dads got in": development set 68,
    2026-12-07): "got in" ends the clause (or "got in through the window"), and the message is
    not good news about a place won (check_words.yaml `got_in_places`: "help with uniform, he
    got in!")."""
    if {t.lower_ for t in doc} & W["got_in_places"]:
        return False
    return _at_clause_end(doc, end) or _next(doc, end) in {"through", "somehow", "again"}


def what_i_might_do(doc, start, end) -> bool:
    """ "I'm scared of what I'll do", not a carer's fear of losing the child: "if they give her
    back to her dad I don't know what I'll do", "I don't know what I'd do if I lost them" (an "if"
    in the sentence and a word of losing the child: check_words.yaml `losing_child`)."""
    if not carer_hyperbole(doc, start, end):
        return False
    before = [t.lower_ for t in doc[max(0, start - 3) : start]]
    if before[-1:] != ["know"] or _next(doc, end) == "to":
        return True  # "... i dont know what i'll do to him"
    sentence = doc[start].sent if doc.has_annotation("SENT_START") else doc
    near = [t for t in sentence] + [t for t in doc[max(0, start - 20) : start]]
    # (not "i'll lose it": the carer's temper)
    words = {t.lower_ for t in near if not (t.lower_ == "lose" and _next(doc, t.i + 1) == "it")}
    return not ("if" in words and words & W["losing_child"])


def not_for_play(doc, start, end) -> bool:
    """A rope found with someone, not one for play or work (check_words.yaml `rope_for_play`:
    "making a swing", "skipping", "a tyre swing", "tying up the boat")."""
    return not ({t.lower_ for t in doc} & W["rope_for_play"])


def not_a_pet(doc, start, end) -> bool:
    """The one hit is not a pet: no animal (check_words.yaml `pets`) in the few words before."""
    return not ({t.lower_ for t in doc[max(0, start - 5) : start]} & W["pets"])


def office_hyperbole(doc, start, end) -> bool:
    """ "I'm going to strangle someone at the DWP": the writer's word of hyperbole (check_words.yaml
    `hyperbole_verbs`) about no one in particular at an office they are fed up with
    (`hyperbole_offices`); read for the harm rules too (bot/safety/engine.py `_weigh`)."""
    if not {t.lemma_ for t in doc[start:end]} & W["hyperbole_verbs"]:
        return False
    if doc[end - 1].lower_ not in {"someone", "somebody"}:
        return False
    if "i" not in {t.lower_ for t in doc[max(0, start - 5) : end]}:
        return False
    after = [t.lower_ for t in doc[end : min(len(doc), end + 4)] if not t.is_punct]
    return after[:1] in (["at"], ["from"], ["down"], ["in"], ["on"]) and bool(
        set(after[1:]) & W["hyperbole_offices"]
    )


def last_straw(doc, start, end) -> bool:
    """ "if she rolls her eyes at me one more time I swear I'll throttle her" (development set
    47, 2026-12-06): a word of hyperbole (check_words.yaml `hyperbole_verbs`) after "one more
    time" in the words before it: a last straw, a figure of speech (read for the harm rules too:
    bot/safety/engine.py `_weigh`)."""
    if not {t.lemma_ for t in doc[start:end]} & W["hyperbole_verbs"]:
        return False
    return "one more time" in " ".join(t.lower_ for t in doc[max(0, start - 14) : start])


def _when_they(after: list[str]) -> bool:
    """The words after a verb go on to what someone else does: "when he ...", "if she ..."."""
    return len(after) >= 2 and after[0] in {"when", "if"} and after[1] in {"he", "she", "they"}


def _skipping(rest: list[str]) -> list[str]:
    """The writer's words after "i"/"we" without the ones that say nothing ("just", "ever")."""
    while rest and rest[0] in W["kill_if_skip"]:
        rest = rest[1:]
    return rest


def _jokey_kill(doc, end) -> bool:
    """ "my sister will kill me, i borrowed her top", "she'll kill me if i forget her birthday",
    "he'll kill me lol": everyday hyperbole, not a threat. "he'll kill me if i tell" stays."""
    if laughs(doc):
        return True
    after = [t.lower_ for t in doc[end + 1 : end + 8] if not t.is_punct]
    if not after or after[0] not in W["kill_if"]:
        return False
    if _when_they(after) and after[2:3] and after[2] in W["finds_out"]:
        # "she'll kill me when she finds out (I failed maths)": hyperbole, unless what the
        # writer did is telling or leaving ("when he finds out I told my teacher")
        rest = [w for w in after[3:] if w not in {"out", "that", "about"}]
        if not rest or rest[0] not in {"i", "we"}:
            return True
        rest = _skipping(rest)
        return not (rest and rest[0] in W["disclose"])
    rest = after[1:] if after[0] not in {"i", "we"} else after
    if not rest or rest[0] not in {"i", "we"}:
        return False  # "when he finds out": someone else's act, a real threat
    rest = _skipping(rest)
    return bool(rest) and rest[0] not in W["disclose"]


def threat_for_telling(doc, start, end):
    """A threat to hurt the writer for telling: "dad's going to kill me when he finds out I told
    the school nurse", "she'll batter me for grassing". Not in a message that laughs, nor a
    brother's, sister's or friend's ("my sister will kill me if she finds out i told mum")."""
    if (
        laughs(doc)
        or {t.lower_ for t in doc[max(0, start - 6) : start]} & W["threat_for_telling_not_by"]
    ):
        return False
    if doc[end - 1].lower_ in {"him", "her"}:
        return _for_their_telling(doc, end)
    after = [t.lower_ for t in doc[end : end + 9] if not t.is_punct]
    if not after or after[0] not in W["kill_if"]:
        return False
    for k, word in enumerate(after[1:], 1):
        if word in W["telling"]:
            j = k - 1
            while j > 0 and after[j] in W["kill_if_skip"] - {"i", "we"}:
                j -= 1
            return after[j] in {"i", "we"} or (j == 0 and after[0] == "for")
    return False


def _for_their_telling(doc, end) -> bool:
    """A threat to a child for what he or she told: "his mum's boyfriend is coming to get him
    after school because he told the teachers things" (development set 53, 2026-12-06): "because"
    (or "cos", "for") among the five words after, then "he"/"she" and a word of telling."""
    after = [t.lower_ for t in doc[end : end + 14] if not t.is_punct]
    before = {t.lower_ for t in doc[max(0, end - 7) : end]}
    if before & {"i", "we", "im", "i'm"} or (after and after[0] in lx.DET | {"something", "one"}):
        # the writer's own doing, or something got for the child ("get her a present")
        return False
    reasons = [k for k, w in enumerate(after[:5]) if w in {"because", "cos", "coz", "cuz", "for"}]
    if not reasons:
        return False
    rest = after[reasons[0] + 1 :]
    for k, word in enumerate(rest):
        if word in W["telling"]:
            j = k - 1
            while j > 0 and rest[j] in W["kill_if_skip"] - {"he", "she"}:
                j -= 1
            return j >= 0 and rest[j] in {"he", "she"}
    return False


_YEAR_OLD = re.compile(r"\b(1[0-7]|[1-9]) year old\b")


def child_in_message(doc, start, end):
    return bool({t.lower_ for t in doc} & W["child_words"]) or bool(_YEAR_OLD.search(doc.text))


def child_in_message_or_pron(doc, start, end):
    return child_in_message(doc, start, end) or bool(
        {t.lower_ for t in doc[max(0, start - 6) : end + 3]}
        & {"them", "her", "him", "they", "she", "he"}
    )


def bleeding(doc, start, end):
    nxt = _next(doc, end)
    return nxt is None or doc[end].is_punct or nxt in W["bleeding_next"]


def scared_home(doc, start, end):
    """ "scared to go back" but not "scared to go back to school after the holidays", nor
    "scared of what they'll say" (check_words.yaml `fear_of_words`)."""
    if doc[end - 1].lower_ in {"will", "would", "might", "could"} and end < len(doc):
        if doc[end].lemma_ in W["fear_of_words"] or doc[end].lower_ in W["fear_of_words"]:
            return False
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


# The writer's own death or illness, feared for the children's sake: "I keep thinking what if I
# die, who'll have them ... I'm so frightened for them" (development set 69, 2026-12-07).
_OWN_DEATH_FEARED = re.compile(
    r"\b(what if|if|when) i (die|died|pass|passed|go|am gone|am not here|get ill|get too ill)\b"
    r"|\bif (anything|something) (happens|happened|were to happen) to me\b"
)


def fear_for(doc, start, end):
    """ "terrified for her" / "scared for my grandson's safety", not "scared for him starting
    secondary school", nor a carer's fear of what becomes of the children if the carer dies."""
    if _OWN_DEATH_FEARED.search(" ".join(t.lower_ for t in doc)):
        return False
    return _at_clause_end(doc, end) or _next(doc, end) in W["fear_for_next"]


def feared_not_writer(doc, start, end):
    """ "I'm scared of him", not "my grandad is scared of me": the writer is the one feared (a
    young person's temper, a carer's shouting), not someone in danger from another. Nor a fear of
    people in their work ("very scared of the men teachers": check_words.yaml `feared_roles`)."""
    return doc[end - 1].lower_ not in {"me", "us"} and _next(doc, end) not in W["feared_roles"]


def grooming(doc, start, end):
    """An adult or a stranger and a child: needs a child (or young age) in the message, or an
    online / message word."""
    words = {t.lower_ for t in doc}
    if _own_grown_up_children(doc, start):
        return False
    before = [t.lower_ for t in doc[max(0, start - 4) : start]]
    if (
        before[-2:] in (["is", "an"], ["was", "an"], ["is", "a"], ["was", "a"])
        and len(before) >= 3
        and before[-3] in W["described_as_older"]
    ):
        return False  # "my client is an older man who is caring for his grandchildren"
    return (
        bool(words & W["child_words"])
        or bool(words & W["online"])
        or bool(_YEAR_OLD.search(doc.text))
        or bool(words & {"her", "him", "me"})
    )


def _own_grown_up_children(doc, start) -> bool:
    """ "my own are in their 40s" (development set 67, 2026-12-07): the writer's own children's
    age, not a man in his forties."""
    before = [t.lower_ for t in doc[max(0, start - 4) : start]]
    if before[-1:] not in (["are"], ["were"]):
        return False
    own = {"own", "kids", "children", "lot", "sons", "daughters"}
    return "mine" in before or ("my" in before and bool(set(before) & own))


def gone_since(doc, start, end):
    """Someone is gone or not back: a child, or clear worry, and not a reason for being away
    ("away since friday on a school trip"); not "has not got back to me" (replied)."""
    if _next(doc, end) in W["gone_not_next"]:
        return False
    text = " ".join(t.lower_ for t in doc)
    if re.search(r"\bleft (the|their|her|his|my|our|both|all)?( \w+){0,2} with (me|us)\b", text):
        return False  # the child left with the writer: the one not back is the parent (set 74)
    words = {t.lower_ for t in doc}
    if words & W["distress"]:
        return True
    return bool(words & W["child_words"]) and not words & W["away_for_a_reason"]


def not_answering(doc, start, end):
    """ "she is not answering her phone" (a child out), not "the council is not answering"."""
    words = {t.lower_ for t in doc}
    if words & W["institutions_named"]:
        return bool(words & W["not_answering_signs"])
    return bool(words & (W["child_words"] | {"he", "she"}))


def whereabouts_person(doc, start, end):
    """ "nobody knows where she is": a child's, not an absent parent's ("her mum moved away and
    nobody knows where she is now, can we still get an sgo": the nearest person named before is
    her, his or their parent; test sentences of tests/safety/test_unit.py, 2026-12-06)."""
    toks = [t.lower_ for t in doc[start:end]]
    if "where" in toks:
        after = toks[toks.index("where") + 1 :]
        if after[:1] in (["she"], ["he"]) and _their_parent_before(doc, start):
            return False
        return bool(set(after) & (lx.CHILD | {"she", "he", "they"})) and _at_clause_end(doc, end)
    return True


def _their_parent_before(doc, start) -> bool:
    """The only person named in the twelve words before `start` is a child's parent ("her mum",
    "their dad": check_words.yaml `absent_parents`): no child is named there ("my granddaughter
    went out with her mum and nobody knows where she is" stays)."""
    before = [t.lower_ for t in doc[max(0, start - 12) : start]]
    if set(before) & lx.CHILD:
        return False
    return any(
        word in W["absent_parents"] and i > 0 and before[i - 1] in {"her", "his", "their"}
        for i, word in enumerate(before)
    )


def after_an_attempt(doc, start, end):
    """ "gonna do it properly later" after an attempt told earlier in the message ("put my phone
    lead round my neck last night till i saw stars": check_words.yaml `attempt_words`)."""
    return bool({t.lower_ for t in doc[:start]} & W["attempt_words"])


def suicide_signals(doc, start, end):
    """Not school "trying to kill me" ("teachers r actually trying to kill me, 3 detentions in one
    week": check_words.yaml `school_killers`); someone else trying to kill the writer stays."""
    if doc[end - 1].lower_ != "kill" or _next(doc, end) not in {"me", "us"}:
        return True
    return not {t.lower_ for t in doc[max(0, start - 4) : start]} & W["school_killers"]


def threat_words(doc, start, end):
    if doc[end - 1].lower_ == "dead":  # "you are dead right", "you are dead on"
        return _next(doc, end) not in W["dead_not_next"]
    if at_a_game(doc, end):
        # "granddaughter just got set on fire by her brother in minecraft" (development set 85)
        return False
    if doc[start].lemma_ == "find":
        before = {t.lower_ for t in doc[max(0, start - 3) : start]}
        if before & W["find_out_asking_before"]:
            # "is he allowed to find out where i live", "how do i find out where he is": asked,
            # not threatened
            return False
    if doc[start].lemma_ == "burn" and laughs(doc):
        # the speaker's own "I'll burn the place down" in a message that laughs ("her words 'i'll
        # burn the place down before i move to Dinnington' 😂 she's not serious": development
        # set 82, 2026-12-07): a figure of speech. Never someone else's ("he said he'd burn the
        # house down lol").
        return not {t.lower_ for t in doc[max(0, start - 4) : start]} & {"i", "we"}
    return True


def domestic(doc, start, end):
    """ "we are hiding in the bathroom" - the writer or the children hiding, not a sulking teen."""
    if doc[start].lower_ == "hiding" and doc[start + 1].lower_ != "from":
        before = {t.lower_ for t in doc[max(0, start - 3) : start]}
        return bool(before & W["hiding_who"])
    return True


def disclosure(doc, start, end):
    """A child's disclosure of harm, not "do I have to disclose my income"."""
    around = {t.lower_ for t in doc[max(0, start - 2) : min(len(doc), end + 4)]}
    return not around & W["data_words"]


def not_put_out(doc, start, end):
    """ "my mum kicked me out", "they can kick us out": put out of a home, not a blow (a young
    person put out now is the rule `put_out_now`). "threw him out the window" stays a blow."""
    if not {t.lemma_ for t in doc[start:end]} & W["put_out_verbs"]:
        return True
    if _next(doc, end) != "out":
        return True
    after = {t.lower_ for t in doc[end : min(len(doc), end + 5)]}
    return bool(after & W["put_out_through"])


def not_judged_unsafe(doc, start, end):
    """ "worried social services will think the house isn't safe for the grandkids": someone's
    judgement feared, not danger (development set 47, 2026-12-06)."""
    before = " ".join(t.lower_ for t in doc[max(0, start - 4) : start])
    return not re.search(r"\b(will|would|might|could|may|to) (think|say|decide|feel)\b", before)


def not_safe(doc, start, end):
    nxt = _next(doc, end)
    last = doc[end - 1].lower_
    if last == "safe" and nxt in {"online", "on", "while", "in", "from"}:
        return nxt == "from" or (
            nxt == "in"
            and _next(doc, end + 1) in {"the", "that", "this", "his", "her"}
            and _next(doc, end + 2) in {"house", "flat", "home"}
        )
    return True


def intox_now(doc, start, end):
    words = {t.lower_ for t in doc}
    if _next(doc, end) == "by":  # "hammered by the energy bill"
        return False
    if doc[start].lower_ == "passed":
        before = doc[start - 1].lower_ if start else ""
        if before in {"i", "nearly", "almost", "have", "had"}:
            return False
    return child_in_message(doc, start, end) or bool(words & W["intox_now_words"])


def gifts(doc, start, end):
    """ "won't say who gives him the cash and trainers": unexplained gifts (exploitation)."""
    return bool({t.lower_ for t in doc} & W["gifts"]) and child_in_message_or_pron(doc, start, end)


def services_now(doc, start, end):
    """Not a visit ("the police called round about his attendance") or a time before ("have
    been called before")."""
    return _next(doc, end) not in W["services_not_next"]


def not_a_role(doc, start, end):
    """ "missing persons" as the name of a job or a team ("missing persons coordinator", "the
    missing from home team"), not a child missing (development set 46, 2026-12-06: a police
    coordinator asking for a grandmother's support given the emergency reply). Nor a child
    missing who was found safe, said after it ("went missing from his room last night, found him
    asleep": development set 65, 2026-12-07)."""
    if _TURNED_UP_AFTER.search(doc[end:].text):
        return False
    return _next(doc, end) not in W["missing_role_next"]


def live_not_where(doc, start, end):
    """ "don't want to live" is despair; "don't want to live with my aunty anymore" or "there"
    is where or with whom (development sets 45 and 46, 2026-12-06: a young person unhappy at
    home given the emergency reply)."""
    last, nxt = doc[end - 1].lemma_, _next(doc, end)
    if last == "wake":
        # "i dont want to wake her": whom not to wake, not "don't want to wake up" (development
        # set 49, 2026-12-06: a young person crying in their room given the emergency reply)
        return nxt not in W["wake_someone_next"]
    return not (last == "live" and nxt in W["live_where_next"])


def despair(doc, start, end):
    """Despair phrases with everyday uses: "no way out of debt", "not be around much longer,
    we are moving"; kept at a clause end or before a despairing word."""
    if not live_not_where(doc, start, end):
        return False
    if _asked_if_they_must(doc, start):
        return False
    nxt = _next(doc, end)
    if nxt in W["despair_not_next"] and doc[end - 1].lower_ in {"out", "longer", "long"}:
        return False
    # "he won't be a problem for much longer" is about someone else (moving out, an order ending)
    if doc[start + 3 : start + 4].text.lower() in {"problem", "burden", "bother", "nuisance"}:
        return not (
            {t.lower_ for t in doc[max(0, start - 2) : start]} & {"she", "he", "they", "it"}
        )
    return True


def _asked_if_they_must(doc, start) -> bool:
    """ "do we have to rehome the dog or will social services make us" (development set 66,
    2026-12-07): a question whether the family must, not someone giving things away."""
    before = [t.lower_ for t in doc[max(0, start - 5) : start]]
    return before[-2:] in (["have", "to"], ["has", "to"], ["need", "to"]) and bool(
        set(before[:-2]) & {"do", "does", "will", "would", "should", "must", "if"}
    )


def violence_more(doc, start, end):
    toks = [t.lower_ for t in doc[start:end]]
    going = {"went", "goes", "going", "go"}
    if toks and toks[0] in going or (len(toks) > 1 and toks[1] in going):
        # "went for her" (attacked her) but not "went for him to the shop" / "go for it", nor
        # "I keep going for the little one" (development set 73, 2026-12-07)
        if (
            start >= 2
            and doc[start - 1].lower_ in {"keep", "kept"}
            and {t.lower_ for t in doc[max(0, start - 3) : start - 1]} & {"i", "we"}
        ):
            return False  # "i (just) keep going for the little one"
        if start and doc[start - 1].lower_ in W["on_offer_before"]:
            return False  # "any nursery hours going for them": on offer
        return _at_clause_end(doc, end)
    if "hide" in toks:
        return _at_clause_end(doc, end) or _next(doc, end) in {"from", "when", "whenever", "in"}
    if "hair" in toks and start and doc[start - 1].lower_ in W["threat_for_telling_not_by"]:
        # "my little sister pulled my hair": a squabble between brothers and sisters or friends
        # (test sentences of tests/safety/test_unit.py, 2026-12-06)
        return False
    if toks and toks[0] in W["body_harm_verbs"]:
        # another person did it: "my dad hurt my tummy", not "i hurt my back", "she cut her arm"
        subj = doc[start - 1].lower_ if start else ""
        owner = toks[-2] if len(toks) > 1 else ""
        same = {("i", "my"), ("he", "his"), ("she", "her"), ("they", "their"), ("we", "our")}
        if (subj, owner) in same or subj in {"", "i", "accidentally", "nearly"}:
            return False
        return subj in lx.PERSON_SUBJ or subj in {"he", "she", "they"}
    return True


def alone_more(doc, start, end):
    toks = [t.lower_ for t in doc[start:end]]
    if (
        toks[0] in {"nobody", "no"}
        and toks[-1] in {"in", "home", "there", "around"}
        and not _at_clause_end(doc, end)
    ):
        return False
    return child_in_message_or_pron(doc, start, end) or bool(
        {t.lower_ for t in doc} & W["child_needs"]
    )


def missing_more(doc, start, end):
    if doc[end - 1].lower_ in {"bed", "beds", "room", "rooms", "bedroom"}:
        return _next(doc, end) not in W["bed_not_next"]
    return gone_since(doc, start, end)


def medical_broader(doc, start, end):
    toks = [t.lower_ for t in doc[start:end]]
    if toks[-1] in {"fitting", "seizing"}:
        return _at_clause_end(doc, end) or _next(doc, end) in {"again", "badly"}
    if toks[0] == "not" and toks[-1] == "moving":
        return _at_clause_end(doc, end)
    if toks[-1] in {"grey", "blue", "white", "purple", "colour"}:
        return child_in_message(doc, start, end) or "lips" in {t.lower_ for t in doc}
    # "can I get help with a washing machine", "how do I get his tablets": getting something is
    # not swallowing it; "he's got into the tablets" is.
    if toks[0] == "get" and (len(toks) < 2 or toks[1] != "into"):
        return False
    # the washing (up liquid, tablets, pods), never the washing machine or the washing itself
    if toks[-1] in {"washing", "laundry", "dishwasher"}:
        return _next(doc, end) in W["household_product_next"]
    return True


def _on_own(tokens) -> bool:
    """ "on her own", "on my own" among these words."""
    words = [t.lower_ for t in tokens]
    return any(
        a == "on" and b in {"my", "her", "his", "their", "our", "your"} and c == "own"
        for a, b, c in zip(words, words[1:], words[2:], strict=False)
    )


def kept_in(doc, start, end):
    """ "won't let me go to a party", "out with my mates" or "on the trip" is a rule at home or
    at school, not being held;
    "won't let me go to the toilet" and "won't let me go" (held) are not."""
    after = [t.lower_ for t in doc[end : end + 3]]
    if doc[end - 1].lower_ == "out" and after[:1] == ["of"] and "sight" in after[1:]:
        return False  # "won't let me out of his sight": a clingy child, not being held
    if doc[end - 1].lower_ == "sleep" and after[:1] and after[0] in {"over", "at", "round", "in"}:
        return False  # "won't let me sleep over at my mate's": a permission (development set 40)
    if doc[end - 1].lower_ == "out" and after[:1] and after[0] in W["curfew_next"]:
        return False  # "my nan wont let me out after 8": a curfew (development set 91)
    if doc[end - 1].lower_ != "go":
        return True
    if _on_own(doc[end : end + 6]):
        return False  # "won't let her go Meadowhall on her own": a permission
    if after[:1] == ["to"]:
        return bool(set(after[1:]) & {"toilet", "loo", "bathroom", "doctor", "doctors", "hospital"})
    if after[:2] == ["out", "with"]:
        return False
    if after[:1] == ["on"]:
        return False  # "won't let him go on the trip", "on the residential": a permission
    return True


def hopeless(doc, start, end):
    """ "im on the bridge by the canal. nobody cares": at a height with words without hope
    (check_words.yaml `hopeless`), not "I'm on the bridge, where's the bus stop"."""
    return _any_other(doc, start, end, W["hopeless"])


def high_place(doc, start, end):
    """ "on the top of the multi storey and wants to jump": a jump with a high place in the
    message (check_words.yaml `high_places`), not "wants to jump on the trampoline" nor "these
    forms make me want to jump out the window" (a figure of speech)."""
    return not_made_to(doc, start, end) and any(t.lower_ in W["high_places"] for t in doc)


def not_made_to(doc, start, end):
    """Not "these forms make me want to jump off a bridge": something that makes the writer
    want to is a figure of speech. Nor "he'd rather jump off a cliff than tidy his room": a
    choice put that way is one too (test sentences of tests/safety/test_unit.py, 2026-12-06)."""
    if {t.lower_ for t in doc[max(0, start - 4) : start]} & {"rather", "sooner"} and "than" in {
        t.lower_ for t in doc[end : end + 8]
    }:
        return False
    return not {t.lemma_ for t in doc[max(0, start - 4) : start]} & {"make", "making"}


def after_taking(doc, start, end):
    """ "can't feel my legs after what I took": something taken, drunk or smoked in the
    message (check_words.yaml `taken_words`), not "can't feel my legs after that walk"."""
    return _any_other(doc, start, end, W["taken_words"])


def after_fall_signs(doc, start, end):
    """ "fell off the changing table ... went quiet, now she's sick": a sign of a head injury
    after the fall (check_words.yaml `fall_signs`), not "fell off the sofa laughing"."""
    return _any_after(doc, end, W["fall_signs"])


def offender_now(doc, start, end):
    """A sex offender named, with a child there now, tonight or staying over
    (check_words.yaml `offender_now_words`), not "a course on sex offenders"."""
    return _any_other(doc, start, end, W["offender_now_words"])


def leaving_now(doc, start, end):
    """ "walk out and leave them ... im getting in the car now": going now (check_words.yaml
    `leaving_now_words`), not "some days I feel like I could walk out and leave them"."""
    return _any_after(doc, end, W["leaving_now_words"])


def not_the_carer(doc, start, end):
    """ "someone collected him. It wasn't me. His mum isn't allowed": a child collected by someone
    who should not have (check_words.yaml `not_the_carer_words`), not "someone collected him
    for football"."""
    return _any_after(doc, end, W["not_the_carer_words"])


def gone_out_signs(doc, start, end):
    """ "nana went to the shop ages ago. its dark. my sister is crying": a child in the message
    and a sign of being left (check_words.yaml `gone_out_words`, `child_needs`), not "she went
    to the shops ages ago for the big shop"."""
    return child_in_message_or_pron(doc, start, end) and _any_other(
        doc, start, end, W["gone_out_words"] | W["child_needs"]
    )


def taken_signs(doc, start, end):
    """ "left with the baby while the carer was upstairs ... not allowed unsupervised": taken by
    someone who should not have (check_words.yaml `taken_signs`), not "left with the kids for
    the weekend"."""
    return _any_other(doc, start, end, W["taken_signs"])


def away_signs(doc, start, end):
    """ "at manchester airport saying they're going for good": abroad (check_words.yaml
    `away_signs`), not "the builders are gone for good"."""
    return _any_other(doc, start, end, W["away_signs"])


def missing_signs(doc, start, end):
    """ "slipped out while I was in the shower ... 45 min ... near the river": gone, with time,
    water or the dark (check_words.yaml `missing_signs`), not "slipped out to the shop"."""
    words = {t.lower_ for t in doc}
    if words & {"found", "safe", "turned"}:
        return False  # "wandered off for 5 mins, security found him"
    return _any_other(doc, start, end, W["missing_signs"])


def care_now(doc, start, end):
    """ "need an emergency placement" at a clause's end, or for them now or tonight
    (check_words.yaml `care_now_next`), not "need an emergency placement plan for the future"."""
    nxt = _next(doc, end)
    return nxt is None or doc[end].is_punct or nxt in W["care_now_next"]


def head_injury(doc, start, end):
    """ "knocked out ... now he keeps asking me the same question": after a blow to the head
    (check_words.yaml `head_injury_words`), not a toddler's endless "why"."""
    return _any_other(doc, start, end, W["head_injury_words"])


def co_symptoms(doc, start, end):
    """ "banging heads and feeling sick since the boiler were fixed, the little un keeps dozing
    off": two or more signs of carbon monoxide (check_words.yaml `co_symptoms`), not "the boiler
    broke and I'm sick of the landlord"."""
    return len({t.lower_ for t in doc} & W["co_symptoms"]) >= 2


def not_the_authorities(doc, start, end):
    """Someone forcing their way in who is not the police or bailiffs doing their work ("after
    everything with mum and the drugs and the police kicking the door in": development set 82,
    2026-12-07; check_words.yaml `authorities`)."""
    return not any(t.lower_ in W["authorities"] for t in doc[max(0, start - 4) : start])


# The names a rule's `check:` may give.
CHECKS: dict[str, Check] = {
    f.__name__: f
    for f in (
        missing, not_a_role, live_not_where, not_judged_unsafe, run_away, threat_obj, take, end_it, risk, disappear, make_pay, terrified,
        whereabouts, whereabouts_unknown, wake, intox, abuse_noun, weapon, no_food, participle, removal, sexual,
        future, child_in_message_or_pron, bleeding, scared_home, fear_for, grooming,
        gone_since, not_answering, whereabouts_person, suicide_signals, threat_words, domestic, disclosure,
        not_safe, not_put_out, intox_now, gifts, services_now, despair, violence_more, alone_more,
        missing_more, medical_broader, kept_in, came_home_later, carer_hyperbole, lately,
        feared_not_writer, done_not_asked, hopeless, high_place, not_made_to, after_taking,
        after_fall_signs, offender_now, leaving_now, not_the_carer, gone_out_signs, taken_signs,
        away_signs, missing_signs, head_injury, serious_head_injury, got_in, what_i_might_do, not_for_play, not_a_pet, co_symptoms, care_now, threat_for_telling,
        not_the_authorities, after_an_attempt,
    )
}  # fmt: skip
