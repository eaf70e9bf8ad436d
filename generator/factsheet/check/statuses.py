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
    Status.denied: Term("denied", "Denied", "close-octagon",
        "A party the claim is about denies it. A denial does not make a claim false; it is shown beside the evidence for it."),
}

FIGURE = Term("figure", "Figure", "numeric", "A number the evidence gives.")

STANCES: dict[Stance, Term] = {
    Stance.asserts: Term("asserts", "Asserts", "bullhorn",
        "The source quotes or paraphrases a party (the origin, `via`) stating the claim."),
    Stance.reports: Term("reports", "Reports", "newspaper-variant",
        "The source states the claim in its own voice, or relays it from the origin it names."),
    Stance.disputes: Term("disputes", "Disputes", "alert",
        "The source, or a party it quotes, says something that contradicts the claim or part of it."),
    Stance.denies: Term("denies", "Denies", "cancel",
        "A party the claim is about says it is not true."),
    Stance.cannot_confirm: Term("cannot-confirm", "Cannot confirm", "help",
        "A party able to check the claim says it cannot (yet) confirm it. This is not a denial."),
}
