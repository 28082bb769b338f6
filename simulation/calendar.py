"""Months as integers: ``year * 12 + (month - 1)``, printed as ``YYYY-MM``."""

from __future__ import annotations

import re

MONTHS_PER_YEAR = 12

_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")


def parse_month(text: str) -> int:
    """``'2022-01'`` -> month number; raises ValueError on anything else."""
    match = _PATTERN.match(str(text).strip())
    if not match or not 1 <= int(match.group(2)) <= MONTHS_PER_YEAR:
        raise ValueError(f"'{text}' is not a month in YYYY-MM form")
    return int(match.group(1)) * MONTHS_PER_YEAR + int(match.group(2)) - 1


def month_label(month: int) -> str:
    return f"{month // MONTHS_PER_YEAR:04d}-{month % MONTHS_PER_YEAR + 1:02d}"


def year_of(month: int) -> int:
    return month // MONTHS_PER_YEAR


def calendar_month(month: int) -> int:
    """1 for January ... 12 for December."""
    return month % MONTHS_PER_YEAR + 1
