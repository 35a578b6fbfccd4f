"""Word lists and character-level regular expressions used by the redactor.

Everything here is data: the logic that combines it is in `engine.py`.
"""

from __future__ import annotations

import re

# --- tokens written in place of personal data ---------------------------------------------------
PHONE = "PHONE"
EMAIL = "EMAIL"
POSTCODE = "POSTCODE"
DATE = "DATE"
NI_NUMBER = "NI_NUMBER"
NHS_NUMBER = "NHS_NUMBER"
NAME = "NAME"
ADDRESS = "ADDRESS"
NUMBER = "NUMBER"  # a long number that is not a phone (bank account, case reference…)

# When two findings overlap and are the same length, the lower number wins.
PRIORITY = {
    EMAIL: 0,
    NI_NUMBER: 1,
    POSTCODE: 2,
    DATE: 3,
    PHONE: 4,
    NHS_NUMBER: 5,
    ADDRESS: 6,
    NAME: 7,
    NUMBER: 8,
}

# --- numbers that are not personal --------------------------------------------------------------
# Helplines the assistant itself shows (offer_content/council.yml, safety responses) and other
# national services people quote back. Digits only, in national form (leading 0).
PUBLIC_NUMBERS = frozenset(
    {
        "999",
        "112",
        "111",
        "101",
        "116123",  # emergency, NHS 111, police non-emergency, Samaritans
        "08088005000",  # NSPCC helpline
        "08001111",  # Childline
        "08088010366",  # Kinship advice line
        "08082000247",  # National Domestic Abuse Helpline
        "08000684141",  # Papyrus HOPELINE247
        "0800585858",  # CALM
    }
)

# --- e-mail addresses ----------------------------------------------------------------------------
_LOCAL_CHARS = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
# "." (no spaces, or a space each side), " dot ", "(dot)", "[dot]"
_DOT = r"(?:\.|\s\.\s|\s+dot\s+|\s*[(\[]\s*dot\s*[)\]]\s*)"
_LOCAL = rf"{_LOCAL_CHARS}+(?:{_DOT}{_LOCAL_CHARS}+)*"

EMAIL_AT_SIGN = re.compile(
    rf"(?<![\w.+-])(?P<local>{_LOCAL})\s?@\s?(?P<domain>{_LABEL}(?:{_DOT}{_LABEL})*)",
    re.IGNORECASE,
)
EMAIL_AT_WORD = re.compile(
    rf"(?<![\w.+-])(?P<local>{_LOCAL})(?:\s+at\s+|\s*[(\[]\s*at\s*[)\]]\s*)"
    rf"(?P<domain>{_LABEL}(?:{_DOT}{_LABEL})+)",
    re.IGNORECASE,
)
SPELLED_DOT = re.compile(r"\sdot\s|[(\[]\s*dot\s*[)\]]", re.IGNORECASE)
EMAIL_CUE = re.compile(r"e-?mail|address", re.IGNORECASE)
MAIL_PROVIDERS = frozenset(
    {
        "gmail",
        "googlemail",
        "hotmail",
        "outlook",
        "live",
        "msn",
        "yahoo",
        "ymail",
        "icloud",
        "me",
        "mac",
        "aol",
        "btinternet",
        "btopenworld",
        "sky",
        "talktalk",
        "virginmedia",
        "ntlworld",
        "blueyonder",
        "tiscali",
        "protonmail",
        "proton",
        "gmx",
        "mail",
        "zoho",
        "nhs",
        "yandex",
    }
)
TLDS = frozenset(
    {
        "com",
        "uk",
        "org",
        "net",
        "co",
        "io",
        "me",
        "info",
        "biz",
        "gov",
        "ac",
        "edu",
        "ie",
        "eu",
        "de",
        "fr",
        "es",
        "it",
        "nl",
        "pl",
        "us",
        "ca",
        "au",
        "in",
        "pk",
        "ng",
        "ro",
        "lt",
        "lv",
        "scot",
        "wales",
        "cymru",
        "london",
        "email",
        "online",
        "site",
        "xyz",
        "app",
        "dev",
        "invalid",
        "test",
        "example",
    }
)

# --- postcodes -----------------------------------------------------------------------------------
# Real postcode areas only, so "y7 2nd", "ks2 3rd" and "qq1 2ab" are not postcodes.
POSTCODE_AREAS = (
    "AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY "
    "E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD "
    "LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG "
    "SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE"
).split()
_AREA = "(?:" + "|".join(sorted(POSTCODE_AREAS, key=len, reverse=True)) + ")"
_OUTWARD = rf"{_AREA}\d[A-Z\d]?"
POSTCODE_FULL = re.compile(
    rf"(?<![A-Za-z0-9])(?:{_OUTWARD}|GIR)[ \t]{{0,2}}\d[ABD-HJLNP-UW-Z]{{2}}(?![A-Za-z0-9])",
    re.IGNORECASE,
)
# An outward code alone ("S60") only after the word postcode.
POSTCODE_PARTIAL = re.compile(
    rf"\bpost\s?code\W{{0,3}}(?:is\s+|was\s+|:\s*)?(?P<code>{_OUTWARD})(?![A-Za-z0-9])",
    re.IGNORECASE,
)

# --- National Insurance numbers ("QQ 12 34 56 C"; QQ is the prefix used in examples) ----------
NI = re.compile(
    r"(?<![A-Za-z0-9])[A-Z]{2}[ \t-]?\d{2}[ \t-]?\d{2}[ \t-]?\d{2}[ \t-]?[A-D](?![A-Za-z0-9])",
    re.IGNORECASE,
)

# --- dates written with digits -------------------------------------------------------------------
DATE_NUMERIC = re.compile(
    r"(?<![\d/.-])(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\d/-]|\.\d)"
)
DATE_ISO = re.compile(
    r"(?<![\d/.-])(?:19|20)\d{2}(?P<sep>[/.-])(?:0?[1-9]|1[0-2])(?P=sep)(?:0?[1-9]|[12]\d|3[01])"
    r"(?![\d/-]|\.\d)"
)
# Day and month only ("12/03") — a date only after a birth cue (checked in the engine).
DATE_DAY_MONTH = re.compile(r"(?<![\d/.-])(?P<a>\d{1,2})/(?P<b>\d{1,2})(?![\d/])")
BIRTH_CUE = re.compile(
    r"\b(?:born|birthday|birth|dob|d\.o\.b\.?|b'?day)\b\W{0,3}(?:\w+\W+){0,2}$", re.IGNORECASE
)

# --- word lists (lower case) ---------------------------------------------------------------------
MONTHS = frozenset(
    {
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    }
)
DAYS = frozenset(
    {
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "tomorrow",
        "yesterday",
        "tonight",
        "weekend",
    }
)
DIGIT_WORDS = {
    "zero": "0",
    "oh": "0",
    "o": "0",
    "nought": "0",
    "nil": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
}
REPEAT_WORDS = {"double": 2, "triple": 3, "treble": 3}
NUMBER_SEPARATORS = frozenset({"-", "\u2013", "(", ")", "."})
PHONE_CUES = frozenset(
    {
        "phone",
        "mobile",
        "mob",
        "tel",
        "telephone",
        "landline",
        "number",
        "no",
        "num",
        "ring",
        "call",
        "text",
        "txt",
        "contact",
        "whatsapp",
        "reach",
        "on",
        "is",
        ":",
        "me",
        "my",
    }
)
PHONE_STRONG_CUES = frozenset(
    {
        "phone",
        "mobile",
        "mob",
        "tel",
        "telephone",
        "landline",
        "number",
        "num",
        "ring",
        "call",
        "text",
        "txt",
        "whatsapp",
    }
)

RELATIONSHIPS = frozenset(
    {
        "son",
        "daughter",
        "grandson",
        "granddaughter",
        "grandchild",
        "grandchildren",
        "grandkid",
        "grandkids",
        "grandsons",
        "granddaughters",
        "nephew",
        "niece",
        "nephews",
        "nieces",
        "brother",
        "sister",
        "brothers",
        "sisters",
        "cousin",
        "cousins",
        "mum",
        "mam",
        "mom",
        "mother",
        "dad",
        "father",
        "husband",
        "wife",
        "partner",
        "boyfriend",
        "girlfriend",
        "fiance",
        "fiancee",
        "child",
        "children",
        "kid",
        "kids",
        "boy",
        "girl",
        "boys",
        "girls",
        "baby",
        "babies",
        "toddler",
        "teenager",
        "friend",
        "friends",
        "aunt",
        "auntie",
        "aunty",
        "uncle",
        "nan",
        "nana",
        "nanna",
        "gran",
        "granny",
        "grandma",
        "grandad",
        "granddad",
        "grandpa",
        "grandmother",
        "grandfather",
        "stepson",
        "stepdaughter",
        "stepdad",
        "stepmum",
        "stepbrother",
        "stepsister",
        "sons",
        "daughters",
        "twin",
        "twins",
        "neighbour",
        "carer",
        "worker",
        "teacher",
        "navigator",
        "solicitor",
        "lawyer",
        "manager",
        "ex",
        "sibling",
        "siblings",
        "godson",
        "goddaughter",
        "great-grandson",
        "great-granddaughter",
        "little",
        "eldest",
        "youngest",
        "oldest",
        "bro",
        "bros",
        "sis",
        "bruv",
        "mummy",
        "daddy",
        "ma",
        "da",
        "nanny",
        "grampa",
        "gramps",
        "pops",
        "mate",
        "mates",
        "bestie",
        "hubby",
        "missus",
        "fella",
        "bf",
        "gf",
        # common misspellings
        "grandaughter",
        "grandaughters",
        "grandsun",
        "neice",
        "neices",
        "nefew",
        "doughter",
    }
)
POSSESSIVES = frozenset({"my", "our", "his", "her", "their", "your"})
TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "mr.", "mrs.", "ms.", "dr."})
# Capitalised words that follow "I'm" or "my son" but are not names.
NOT_NAMES = (
    RELATIONSHIPS
    | MONTHS
    | DAYS
    | TITLES
    | frozenset(
        {
            "i",
            "ok",
            "okay",
            "hi",
            "hello",
            "hey",
            "thanks",
            "thank",
            "please",
            "sorry",
            "yes",
            "no",
            "god",
            "english",
            "british",
            "welsh",
            "scottish",
            "irish",
            "polish",
            "muslim",
            "christian",
            "catholic",
            "jewish",
            "hindu",
            "sikh",
            "asian",
            "black",
            "white",
            "mixed",
            "deaf",
            "disabled",
            "autistic",
            "council",
            "social",
            "services",
            "kinship",
            "sgo",
            "cao",
            "nhs",
            "camhs",
            "send",
            "ehcp",
            "adhd",
            "asd",
            "school",
            "court",
            "police",
            "christmas",
            "easter",
            "covid",
            "name",
            "phone",
            "email",
            "e-mail",
            "address",
            "postcode",
            "number",
            "mobile",
            "dear",
            "sir",
            "madam",
            "regards",
            "cheers",
            "love",
            "x",
            "xx",
            "xxx",
            "lol",
            "omg",
            "fine",
            "good",
            "new",
            "here",
            "there",
            "just",
            "still",
            "also",
            "really",
            "so",
            "very",
            "now",
            "not",
            "currently",
        }
    )
)
SLANG = frozenset(
    {
        "gonna",
        "gunna",
        "gona",
        "wanna",
        "wana",
        "gotta",
        "kinda",
        "sorta",
        "tryna",
        "dunno",
        "lol",
        "omg",
        "tbh",
        "idk",
        "abit",
        "alot",
        "proper",
        "sooo",
        "soo",
        "realy",
        "reallly",
        "worryed",
        "strugling",
        "desprate",
        "tierd",
        "ment",
        "thier",
        "becouse",
    }
)
STREET_SUFFIXES = frozenset(
    {
        "street",
        "st",
        "road",
        "rd",
        "avenue",
        "ave",
        "av",
        "lane",
        "ln",
        "close",
        "cl",
        "drive",
        "dr",
        "way",
        "crescent",
        "cres",
        "court",
        "ct",
        "place",
        "pl",
        "grove",
        "gardens",
        "gdns",
        "terrace",
        "tce",
        "walk",
        "view",
        "hill",
        "row",
        "park",
        "square",
        "sq",
        "mews",
        "green",
        "rise",
        "parade",
        "vale",
        "croft",
        "fold",
        "gate",
        "boulevard",
        "approach",
        "end",
        "wharf",
    }
)
# Suffixes that are ordinary words too: only a street when written with a capital.
AMBIGUOUS_SUFFIXES = frozenset(
    {
        "close",
        "cl",
        "dr",
        "way",
        "court",
        "ct",
        "place",
        "pl",
        "walk",
        "view",
        "hill",
        "row",
        "park",
        "green",
        "rise",
        "fold",
        "gate",
        "end",
        "approach",
        "st",
        "av",
    }
)
ADDRESS_PREFIXES = frozenset({"flat", "apartment", "apt", "unit", "house", "room"})
UNIT_WORDS = frozenset(
    {
        "year",
        "years",
        "yr",
        "yrs",
        "month",
        "months",
        "week",
        "weeks",
        "day",
        "days",
        "hour",
        "hours",
        "minute",
        "minutes",
        "mins",
        "mile",
        "miles",
        "time",
        "times",
        "old",
        "child",
        "children",
        "kid",
        "kids",
        "people",
        "percent",
        "pounds",
        "quid",
        "bus",
        "buses",
        "nights",
    }
)
