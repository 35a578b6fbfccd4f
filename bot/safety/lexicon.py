"""Word lists shared by the rules and the context checks (all lower case)."""

from __future__ import annotations

CHILD = {
    "child", "children", "kid", "kids", "baby", "babies", "toddler", "toddlers", "boy", "boys",
    "girl", "girls", "lad", "lads", "son", "sons", "daughter", "daughters", "grandson",
    "grandsons", "granddaughter", "granddaughters", "grandchild", "grandchildren", "grandkid",
    "grandkids", "nephew", "nephews", "niece", "nieces", "brother", "brothers", "sister",
    "sisters", "cousin", "cousins", "sibling", "siblings", "stepson", "stepdaughter", "stepbrother",
    "stepsister", "teenager", "teen", "pupil", "student", "youngster", "infant", "newborn", "twins",
    "one", "ones", "bairn", "bairns", "youngest", "eldest",
}
ADULT = {
    "mum", "mam", "mom", "mother", "dad", "father", "nan", "nana", "nanna", "gran", "granny",
    "grandma", "grandad", "granddad", "grandpa", "grandparent", "grandparents", "aunt", "auntie",
    "aunty", "uncle", "wife", "husband", "partner", "carer", "boyfriend", "girlfriend", "ex",
    "stepdad", "stepmum", "stepfather", "stepmother", "man", "woman", "fella", "bloke", "guy",
    "someone", "somebody", "parents", "family", "friend", "neighbour",
}
PERSON = CHILD | ADULT
OBJ_PRON = {"me", "him", "her", "them", "us", "you", "anyone", "anybody", "someone", "somebody",
            "everyone", "people"}
REFLEXIVE = {"myself", "himself", "herself", "themselves", "themself", "yourself", "ourselves"}
DET = {"the", "my", "his", "her", "their", "our", "your", "a", "an", "this", "that", "these",
       "those", "both", "all", "mum's", "dad's"}
ADJ = {"little", "baby", "youngest", "eldest", "older", "younger", "oldest", "new", "two",
       "three", "small", "poor", "foster", "step", "big", "own", "5", "6", "7", "8", "9", "10"}
SUBJ_PRON = {"i", "he", "she", "they", "we", "you"}
PERSON_SUBJ = {"he", "she", "they"} | ADULT | {
    "son", "daughter", "brother", "sister", "cousin", "lad", "lads", "boy", "girl", "gang",
    "dealer", "dealers", "men", "people", "someone", "somebody"}
BODY = {"head", "arm", "arms", "leg", "legs", "knee", "knees", "ankle", "ankles", "foot", "feet",
        "toe", "toes", "elbow", "hand", "hands", "finger", "fingers", "back", "shoulder", "wrist",
        "hip", "tooth", "teeth", "lip", "nose", "thumb", "neck", "chin"}
SELF_HARM_BODY = {"arm", "arms", "wrist", "wrists", "leg", "legs", "thigh", "thighs", "skin",
                  "stomach", "tummy", "body"}

# Lemmas of verbs of physical harm to a person.
HARM_VERBS = {
    "hit", "punch", "kick", "slap", "smack", "beat", "batter", "thump", "whack", "strangle",
    "choke", "throttle", "shake", "stab", "burn", "headbutt", "attack", "assault", "hurt", "harm",
    "injure", "abuse", "molest", "rape", "strike", "belt", "starve", "drown", "suffocate",
    "smother", "scald", "kill", "murder", "shoot", "torture", "bash", "bite", "pinch", "slam",
    "assualt", "neglect",
}
# Verbs used in threats of future harm.
THREAT_VERBS = HARM_VERBS | {"smash", "snatch", "knife", "get", "take", "break", "petrol",
                             "torch", "ruin", "end", "do"}
NEGATIONS = {"not", "no", "never", "nobody", "none", "nothing", "neither", "nor", "noone",
             "nowhere"}
# A negation word followed by one of these does not negate the harm that follows
# ("can not stop hurting myself", "not sure if he is hurting her").
NEG_SKIP_NEXT = {"more", "stop", "stopping", "sure", "know", "certain", "idea", "help", "matter",
                 "believe", "believes", "listen", "listens", "listening", "care", "cares"}
# Subjects that make a harm verb figurative ("the bills have battered us", "it hurts me").
INANIMATE = {
    "it", "this", "that", "which", "what", "bills", "bill", "cost", "costs", "living", "money",
    "council", "court", "courts", "paperwork", "forms", "form", "work", "job", "process", "system",
    "prices", "price", "rent", "energy", "holidays", "holiday", "trip", "winter", "year", "news",
    "letter", "assessment", "meeting", "benefits", "stress", "everything", "life", "situation",
    "government", "debt", "fees", "budget", "weather", "heat", "cold", "virus", "illness",
    "cancer", "waiting", "things", "thing", "hearing", "case", "move", "change", "tiredness",
}
# Words that make an injury an ordinary accident.
ACCIDENT = {"playing", "play", "played", "fell", "fall", "falling", "falls", "tripped", "trip",
            "slipped", "football", "rugby", "netball", "sport", "sports", "pe", "bike",
            "trampoline", "skateboard", "scooter", "match", "training", "game", "accidentally",
            "playground"}
CHILD_OR_PRON = CHILD | {"him", "her", "them"}
INTOX = {"drunk", "high", "wasted", "stoned", "intoxicated", "pissed", "paralytic", "mashed"}
