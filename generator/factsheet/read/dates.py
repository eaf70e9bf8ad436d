"""Dates as readers read them: '18 October 2024', '8–13 October 2024', 'about June 2024'."""
from __future__ import annotations

from datetime import date

from .model import When

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def long_date(day: date) -> str:
    # Not strftime: month names must not depend on the machine's locale.
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def when_text(when: When) -> str:
    """'8–13 October 2024', 'June 2024', 'about 3 October 2024': as precise as the record, no more."""
    start, end = when.start, when.end
    if when.month_only:
        first = f"{MONTHS[start.month - 1]} {start.year}"
        text = first if (start.year, start.month) == (end.year, end.month) else \
            f"{MONTHS[start.month - 1]}{'' if start.year == end.year else f' {start.year}'} – {MONTHS[end.month - 1]} {end.year}"
    elif start == end:
        text = long_date(start) + (f", {when.time}" if when.time else "")
    elif (start.year, start.month) == (end.year, end.month):
        text = f"{start.day}–{end.day} {MONTHS[start.month - 1]} {start.year}"
    elif start.year == end.year:
        text = f"{start.day} {MONTHS[start.month - 1]} – {long_date(end)}"
    else:
        text = f"{long_date(start)} – {long_date(end)}"
    return f"about {text}" if when.approximate else text

