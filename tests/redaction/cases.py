"""Redaction cases: (id, text, expected). Shared by the tests and scripts/bench_redaction.py.

All personal details here are invented: phone numbers from Ofcom's drama ranges (07700 900xxx,
01632 960xxx), e-mails at example domains, NI numbers with the QQ prefix used in examples.
"""

from __future__ import annotations

CASES: list[tuple[str, str, str]] = [
    # --- phone numbers ---------------------------------------------------------------------------
    ("phone-spaces", "My number is 07700 900123", "My number is [PHONE]"),
    ("phone-no-spaces", "ring me 07700900123 after 6", "ring me [PHONE] after 6"),
    ("phone-dashes", "call me on 07700-900-123 please", "call me on [PHONE] please"),
    ("phone-brackets", "landline (01632) 960123", "landline [PHONE]"),
    ("phone-plus44", "it's +44 7700 900 123", "it's [PHONE]"),
    ("phone-plus44-zero", "+44 (0)7700 900123 is best", "[PHONE] is best"),
    ("phone-44-no-plus", "447700900123", "[PHONE]"),
    ("phone-0044", "0044 7700 900123", "[PHONE]"),
    ("phone-dots", "07700.900.123", "[PHONE]"),
    ("phone-split-odd", "my mobile is 077 009 00 123 thanks", "my mobile is [PHONE] thanks"),
    ("phone-single-digits", "0 7 7 0 0 9 0 0 1 2 3", "[PHONE]"),
    (
        "phone-spoken-oh-double",
        "it's oh seven seven double oh nine oh oh one two three",
        "it's [PHONE]",
    ),
    (
        "phone-spoken-zero",
        "zero seven seven zero zero nine zero zero one two three is my number",
        "[PHONE] is my number",
    ),
    ("phone-spoken-triple", "oh one six three two nine six triple oh one", "[PHONE]"),
    ("phone-mixed", "07700 nine double oh one two three", "[PHONE]"),
    ("phone-local-with-cue", "my phone number is 960 123", "my phone number is [PHONE]"),
    ("phone-two", "07700 900123 or 01632 960456", "[PHONE] or [PHONE]"),
    (
        "phone-end-of-sentence",
        "Text me on 07700900123. I have 2 kids.",
        "Text me on [PHONE]. I have 2 kids.",
    ),
    # --- e-mail addresses --------------------------------------------------------------------------
    ("email-plain", "email jane.smith@example.com", "email [EMAIL]"),
    ("email-plus-tag", "jane.smith+kinship@example.co.uk is fine", "[EMAIL] is fine"),
    ("email-spaces-at", "jane.smith @ example.com", "[EMAIL]"),
    ("email-spaces-everywhere", "jane . smith @ gmail . com", "[EMAIL]"),
    ("email-spelled", "jane dot smith at gmail dot com", "[EMAIL]"),
    ("email-spelled-brackets", "jsmith [at] hotmail [dot] co [dot] uk", "[EMAIL]"),
    ("email-at-word-provider", "it's tyler99 at outlook.com", "it's [EMAIL]"),
    ("email-cue", "my email is jane at smithfamily.org.uk", "my email is [EMAIL]"),
    ("email-trailing-full-stop", "Write to jo@example.org.", "Write to [EMAIL]."),
    # --- postcodes ---------------------------------------------------------------------------------
    ("postcode-lower-nospace", "we're in s602tr", "we're in [POSTCODE]"),
    ("postcode-upper", "S60 2TR", "[POSTCODE]"),
    ("postcode-lower-space", "postcode s65 1aa", "postcode [POSTCODE]"),
    ("postcode-london", "EC1A 1BB and sw1a2aa", "[POSTCODE] and [POSTCODE]"),
    ("postcode-partial-cue", "my postcode is S60", "my postcode is [POSTCODE]"),
    # --- National Insurance --------------------------------------------------------------------------
    ("ni-spaces", "NI number QQ 12 34 56 C", "NI number [NI_NUMBER]"),
    ("ni-compact-lower", "qq123456c", "[NI_NUMBER]"),
    # --- NHS numbers ---------------------------------------------------------------------------------
    ("nhs-number", "his NHS number is 943 476 5919", "his NHS number is [NHS_NUMBER]"),
    # --- dates ---------------------------------------------------------------------------------------
    ("date-slashes", "DOB 12/03/2015", "DOB [DATE]"),
    ("date-ordinal-words", "she was born on 3rd March 2015", "she was born on [DATE]"),
    ("date-iso", "born 2015-03-12", "born [DATE]"),
    ("date-month-first", "March 3, 2015 is his birthday", "[DATE] is his birthday"),
    ("date-the-of", "the 21st of June 2012", "[DATE]"),
    ("date-birthday-no-year", "his birthday is 14th May", "his birthday is [DATE]"),
    ("date-born-day-month", "born 12/03", "born [DATE]"),
    ("date-dots-short-year", "court on 04.11.24", "court on [DATE]"),
    # --- names ---------------------------------------------------------------------------------------
    (
        "name-my-name-is",
        "my name is Jane Smith and I need help",
        "my name is [NAME] and I need help",
    ),
    ("name-lower", "hi my name is jane smith", "hi my name is [NAME]"),
    (
        "name-im",
        "Hi, I'm Jane. I look after my grandson",
        "Hi, I'm [NAME]. I look after my grandson",
    ),
    ("name-im-lower", "im jane and im tired", "im [NAME] and im tired"),
    ("name-call-me", "call me Jo", "call me [NAME]"),
    ("name-grandson", "my grandson Tyler is 7", "my grandson [NAME] is 7"),
    (
        "name-repeated",
        "my grandson Tyler is 7. Tyler's school is good",
        "my grandson [NAME] is 7. [NAME]'s school is good",
    ),
    (
        "name-list",
        "my grandchildren Tyler, Mia and Jo live with me",
        "my grandchildren [NAME], [NAME] and [NAME] live with me",
    ),
    ("name-age-between", "my 7 year old grandson Tyler", "my 7 year old grandson [NAME]"),
    ("name-is-my", "Tyler is my grandson", "[NAME] is my grandson"),
    ("name-title", "Mrs Okafor at the school said", "Mrs [NAME] at the school said"),
    (
        "name-social-worker",
        "our social worker Karen never rings back",
        "our social worker [NAME] never rings back",
    ),
    ("name-sign-off", "Thanks for your help, Jane", "Thanks for your help, [NAME]"),
    ("name-sign-off-regards", "Kind regards, Jane Smith", "Kind regards, [NAME]"),
    ("name-hyphenated", "my name is Amy Smith-Jones", "my name is [NAME]"),
    ("name-called", "he's called Kayden", "he's called [NAME]"),
    ("name-this-is", "This is Sue from the school", "This is [NAME] from the school"),
    (
        "name-hyphen-misspelt-relation",
        "my grandaughter Lily-Mae is 4",
        "my grandaughter [NAME] is 4",
    ),
    # --- addresses -------------------------------------------------------------------------------------
    (
        "address-numbered",
        "we live at 12 Acacia Avenue, Rotherham",
        "we live at [ADDRESS], Rotherham",
    ),
    ("address-flat", "Flat 3, 45 High Street", "[ADDRESS]"),
    ("address-lower", "12a church road", "[ADDRESS]"),
    (
        "address-all",
        "Jane Smith, 12 Acacia Avenue, S60 2TR, 07700 900123",
        "Jane Smith, [ADDRESS], [POSTCODE], [PHONE]",
    ),
    # --- not personal: must be left alone ----------------------------------------------------------
    ("keep-children", "I have 2 children aged 13 and 15", "I have 2 children aged 13 and 15"),
    ("keep-weeks", "she's 16 weeks old", "she's 16 weeks old"),
    (
        "keep-money",
        "the allowance is £3,000 a year, or £250.50 a month",
        "the allowance is £3,000 a year, or £250.50 a month",
    ),
    ("keep-regulation", "we're approved under Regulation 24", "we're approved under Regulation 24"),
    (
        "keep-school-year",
        "he starts year 7 in September, Y7 2nd term, KS2 3rd",
        "he starts year 7 in September, Y7 2nd term, KS2 3rd",
    ),
    (
        "keep-helplines",
        "I rang the NSPCC on 0808 800 5000 and Childline 0800 1111 and 999",
        "I rang the NSPCC on 0808 800 5000 and Childline 0800 1111 and 999",
    ),
    (
        "keep-kinship-line",
        "the advice line 0808 801 0366 was helpful",
        "the advice line 0808 801 0366 was helpful",
    ),
    ("keep-samaritans", "call Samaritans on 116 123", "call Samaritans on 116 123"),
    (
        "keep-im-feelings",
        "I'm worried and I'm struggling, I'm not sure what to do",
        "I'm worried and I'm struggling, I'm not sure what to do",
    ),
    (
        "keep-im-nationality",
        "I'm English and my grandson is Polish",
        "I'm English and my grandson is Polish",
    ),
    (
        "keep-call-me-back",
        "I called social services and they said call me back tomorrow",
        "I called social services and they said call me back tomorrow",
    ),
    (
        "keep-grandson-verb",
        "my grandson lives with me and my granddaughter has ADHD",
        "my grandson lives with me and my granddaughter has ADHD",
    ),
    ("keep-child-benefit", "I get Child Benefit for my Child", "I get Child Benefit for my Child"),
    (
        "keep-road",
        "2 miles down the road; 13 year old road safety",
        "2 miles down the road; 13 year old road safety",
    ),
    (
        "keep-website",
        "I looked at gov.uk and www.example.org",
        "I looked at gov.uk and www.example.org",
    ),
    (
        "keep-at-school",
        "she is at school. Then she goes to the club",
        "she is at school. Then she goes to the club",
    ),
    ("keep-times", "between 9.30 and 4.30, 10:15, 3pm", "between 9.30 and 4.30, 10:15, 3pm"),
    ("keep-years", "since 2019 and in 2021 and 2022", "since 2019 and in 2021 and 2022"),
    ("keep-month-words", "in March we may go to court", "in March we may go to court"),
    ("keep-one-oh", "oh no, one of them is two", "oh no, one of them is two"),
    ("keep-sections", "section 17 of the Children Act 1989", "section 17 of the Children Act 1989"),
    ("keep-tokens", "my name is [NAME], call [PHONE]", "my name is [NAME], call [PHONE]"),
    (
        "keep-name-is-adjective",
        "the name is wrong on the letter",
        "the name is wrong on the letter",
    ),
    (
        "keep-contraction",
        "my manager won't let me and my grandson wont go",
        "my manager won't let me and my grandson wont go",
    ),
    ("keep-named-contact", "who is my named contact", "who is my named contact"),
    ("keep-slang-relation", "my little bro is crying", "my little bro is crying"),
    ("keep-im-descriptive", "I'm Struggling and I'm Worried", "I'm Struggling and I'm Worried"),
    ("keep-empty", "", ""),
]

# Names given in the hand-off form.
NAME_CASES: list[tuple[str, tuple[str, ...], str, str]] = [
    (
        "given-full",
        ("Jane Smith",),
        "Jane Smith here, jane needs help",
        "[NAME] here, [NAME] needs help",
    ),
    (
        "given-surname-common-word",
        ("Jane Smith",),
        "Smith family; smith is a job",
        "[NAME] family; smith is a job",
    ),
    (
        "given-common-word-first",
        ("Will Okafor",),
        "Will rang. Will they call? I will wait",
        "[NAME] rang. [NAME] they call? I will wait",
    ),
    (
        "given-two-people",
        ("Jane Smith", "Tyler Brown"),
        "tyler brown and Jane",
        "[NAME] and [NAME]",
    ),
    ("given-possessive", ("Mia",), "Mia's school", "[NAME]'s school"),
]
