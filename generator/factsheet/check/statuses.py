"""What each status and stance means, and how it is shown: one place for the vocabulary."""
from __future__ import annotations

from dataclasses import dataclass

from ..read.model import Stance, Status


@dataclass(frozen=True)
class Term:
    value: str
    label: str
    icon: str
    """A Material Design icon of the theme, drawn by CSS (icons.py), so meaning never rests on colour alone."""
    meaning: str


STATUSES: dict[Status, Term] = {
    Status.confirmed: Term("confirmed", "Confirmed", "check-decagram",
        "At least two independent origins support the claim, or an independent party confirms it, and no party denies or disputes it."),
    Status.unconfirmed: Term("unconfirmed", "Unconfirmed", "help-circle",
        "The claim rests on a single origin, however many outlets repeat it, or the parties able to check it cannot yet confirm it."),
    Status.disputed: Term("disputed", "Disputed", "scale-balance",
        "A party disputes the claim or the sources disagree on it (a figure, a date, who said it)."),
    Status.denied: Term("denied", "Denied by subject", "close-octagon",
        "The party the claim is about denies it, and no two independent origins support it. A denial is not "
        "a finding that the claim is false: it is shown beside whatever evidence there is for the claim."),
    Status.on_record: Term("on-record", "On the record", "comment-quote",
        "A statement, denial or assessment that a party made, checked against the sources that report it. "
        "The sheet verifies that it was said, by whom and when, not whether what was said is true."),
}

FIGURE = Term("figure", "Figure", "numeric", "A number the evidence gives.")

STANCES: dict[Stance, Term] = {
    Stance.asserts: Term("asserts", "Asserts", "bullhorn",
        "The source quotes or paraphrases a party (the origin, `via`) stating the claim."),
    Stance.reports: Term("reports", "Reports", "newspaper-variant",
        "The source states the claim in its own voice, or relays it from the origin it names."),
    Stance.mentions: Term("mentions", "Mentions", "eye-outline",
        "The source reports that the claim is made, or mentions it, without supporting or contradicting it "
        "(\"each side denied responsibility\"). It counts neither for nor against the claim."),
    Stance.differs: Term("differs", "Account differs", "swap-horizontal",
        "The source's account differs from the claim: another figure, another attribution, another version of "
        "what happened. No party is said to dispute anything; the accounts simply differ."),
    Stance.disputes: Term("disputes", "Disputes", "alert",
        "The source, or a party it quotes, says something that contradicts the claim or part of it."),
    Stance.denies: Term("denies", "Denies", "cancel",
        "A party the claim is about says it is not true."),
    Stance.cannot_confirm: Term("cannot-confirm", "Cannot confirm", "help",
        "A party able to check the claim (an agency, a government, an outlet that tried), other than the one "
        "making it, says it cannot (yet) confirm it. This is not a denial; `via` names who cannot confirm."),
}
