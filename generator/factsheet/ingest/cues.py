"""Stance, attribution and figure wording of English news copy: the cues `factsheet suggest` reads.

Every cue here is general newsroom English (the verbs of attribution of wire style guides, the
hedges of unverified reporting, the qualifiers of estimates); nothing names a story, a party or
an outlet. Each stance cue is a regular expression matched case-insensitively on one passage.
A cue proposes; the editor decides.
"""
from __future__ import annotations

import re

from ..read.model import Qualifier, Stance


def _words(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE)


# -- stances ---------------------------------------------------------------------------------
# Checked in this order: the first that matches a passage gives its stance against the claim.

DENIAL = _words(
    r"den(?:y|ies|ied|ying)", r"denials?", r"reject(?:s|ed|ing)?", r"dismiss(?:es|ed|ing)?",
    r"refut(?:e|es|ed|ing)", r"fake news", r"baseless", r"groundless", r"unfounded",
    r"(?:is|was|are|were) not true", r"untrue", r"fabricat(?:ed|ion|ions)", r"a lie", r"lies",
)
"""A party says it is not so: 'denied', 'dismissed the claims as fake news', 'baseless'."""

CANNOT_CONFIRM = _words(
    r"(?:could|can|did|would|was|were|is|are)(?: not|n't) (?:yet |immediately |independently |officially )?"
    r"(?:be )?(?:confirm|verify|confirmed|verified)",
    r"unable to (?:confirm|verify)", r"(?:has|have|had) not (?:yet )?been (?:officially |independently )?(?:confirmed|verified)",
    r"not (?:yet )?(?:officially |independently )?(?:confirmed|verified)", r"unconfirmed", r"unverified",
    r"no (?:evidence|information|confirmation)", r"declined to (?:comment|confirm)",
    r"needed (?:further|more) confirmation", r"without (?:giving|providing|offering) evidence",
)
"""A party able to check says it cannot (yet): 'could not confirm', 'has not been verified', 'no evidence'."""

DISPUTE = _words(
    r"disput(?:e|es|ed|ing)", r"contest(?:s|ed|ing)?", r"contradict(?:s|ed|ing)?", r"question(?:s|ed|ing) (?:whether|the)",
    r"cast doubt", r"doubts? (?:that|whether|about)", r"challenged", r"disagree(?:s|d)?",
)
"""Someone says otherwise, short of a denial: 'disputed', 'contradicted', 'cast doubt on'."""

STANCE_CUES: list[tuple[Stance, re.Pattern[str]]] = [
    (Stance.denies, DENIAL), (Stance.cannot_confirm, CANNOT_CONFIRM), (Stance.disputes, DISPUTE),
]

# -- attribution -----------------------------------------------------------------------------

SPEECH_VERBS = (
    r"said", r"says", r"say", r"saying", r"confirm", r"deny", r"denies", r"told", r"tells", r"stated", r"states", r"added", r"adding",
    r"reported", r"reports", r"reporting", r"claimed", r"claims", r"announced", r"confirmed", r"confirming",
    r"believes", r"believe", r"believed", r"expects", r"expected", r"warned", r"warns", r"suggested", r"suggests",
    r"estimated", r"estimates", r"noted", r"notes", r"alleged", r"alleges", r"acknowledged", r"assessed",
    r"emphasi[sz]ed", r"stressed", r"described", r"describing", r"accused", r"cited",
    r"indicated", r"indicating", r"detected", r"learned", r"revealed", r"insisted", r"argued", r"explained", r"wrote",
    r"denied", r"dismissed", r"dismissing", r"made (?:a|the) (?:\w+ )?claim",
)
SPEECH = _words(*SPEECH_VERBS)
"""Verbs of attribution: what links a passage to the party it comes from ('the ministry said').
Acts such as 'released', 'posted' or 'called a meeting' are left out: a passage reporting an act
reports it in the outlet's own voice."""

ACCORDING_TO = re.compile(r"\b(?:according to|citing|cited by|quoting|quoted by|as reported by|sources? (?:close to|in|at))"
                          r"\s+(?:[a-z'’]+\s+){0,2}$", re.IGNORECASE)
"""Words just before a party that name it as the origin: 'according to the agency', 'citing officials',
'according to the city's water board' (at most two words between)."""

HEARSAY = _words(r"reportedly", r"allegedly", r"purportedly", r"it is said", r"it was said")
"""Adverbs that attribute without naming: the party named last before is taken as the origin."""

CITING = re.compile(r"\b(?:citing|quoting|according to)\s+$", re.IGNORECASE)
"""Words before the second party of a chain: 'local media, citing the ministry' → [local media, ministry]."""

UTTERANCE_VERBS = _words(
    r"said", r"says", r"told", r"stated", r"warned", r"suggested", r"suggests", r"urged", r"called",
    r"denied", r"denies", r"announced", r"added", r"emphasi[sz]ed", r"stressed", r"claimed",
)
"""In a claim's own statement, a verb that makes it a claim *that something was said*
('the spokesman said talks would resume'): then an outlet that reports the saying reports
the claim in its own voice, with no `via`."""

PRONOUN_SUBJECT = re.compile(
    r"(?:^|\W)(?:it|he|she|they|(?:the|his|her|its|their) (?:agency|ministry|office|spokesman|spokeswoman|spokesperson|"
    r"official|officials|source|group|organi[sz]ation|government|minister|president|company|union|police|army|military|"
    r"statement)|the \w+'s (?:office|ministry|spokesman|spokeswoman|spokesperson)|(?:they|he|she) (?:are|were|is|was|has|have|had))"
    r"(?:\s+(?:also|later|then|further|\w+ly))?\s+$", re.IGNORECASE)
"""A subject just before a verb that refers back to the party last named ('it said', 'the agency added',
'his office said'); not an impersonal 'it was said'."""

CONTINUES = re.compile(r"^\W*(?:it|they|he|she|this|these|those|in addition|however|but|also|meanwhile|moreover|yet|and)\b",
                       re.IGNORECASE)
"""A passage that goes on from the one before ('In addition, …', 'But …', 'It said …'): it bears on
what that one bears on, and comes from the same party unless it names another."""
REFERS_BACK = re.compile(CONTINUES.pattern + r"|\b(?:those|these|the|that|this) (?:reports?|allegations?|claims?|information|"
                         r"statement|figure|account)\b", re.IGNORECASE)
"""...or one that points back at it ('the two countries denied the allegations'): it bears on the same claims."""

MEDIA_KINDS = ("media", "press", "newspaper", "outlet", "broadcaster", "news agency")
"""Actor kinds that relay rather than originate: evidence through them alone is 'reports'."""

# -- figures ---------------------------------------------------------------------------------

QUALIFIERS: list[tuple[Qualifier, re.Pattern[str]]] = [
    (Qualifier.more_than, re.compile(r"\b(?:more than|over|upwards of|in excess of|above)\s+$", re.IGNORECASE)),
    (Qualifier.at_least, re.compile(r"\b(?:at least|no fewer than|no less than|a minimum of)\s+$", re.IGNORECASE)),
    (Qualifier.up_to, re.compile(r"\b(?:up to|as many as|at most|no more than)\s+$", re.IGNORECASE)),
    (Qualifier.about, re.compile(r"\b(?:about|around|approximately|roughly|nearly|almost|some|an estimated|"
                                 r"estimated|close to|circa|about some)\s+$", re.IGNORECASE)),
]
"""Words just before a number that say how exact it is: 'about 10,000', 'more than 13,000'."""

NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
                "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "dozen": 12}
"""Numbers written as words ('six soldiers'); 'one' is left out, as it is more often a pronoun."""

SCALE_WORDS = {"thousand": 10**3, "million": 10**6, "billion": 10**9}

MONTHS = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*$", re.IGNORECASE)
"""A month just before a number makes it a day of a date ('October 8', 'Oct. 3'), not a figure."""
