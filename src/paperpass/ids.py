"""Row ids and counters typed by users: what a valid one is, in one place for the CLI, the web app and the
store.

Every id, version and counter column is a 32-bit ``integer`` on PostgreSQL (SQLite would store more, but
a library must move between the two), so a number above :data:`MAX_ID` can name nothing: looked up, it is
"not found"; written, it is refused as input, never handed to the database to overflow.

An id is written in ASCII digits only. ``str.isdigit`` also accepts ``'³'`` (which ``int`` refuses) and
full-width ``'３'`` (which ``int`` reads as 3): neither is an id.
"""

from __future__ import annotations

import re

MAX_ID = 2**31 - 1
"""The largest value an id, version or counter column holds (PostgreSQL ``integer``)."""

MAX_DURATION_MS = 24 * 3600 * 1000
"""The longest duration a review or answer records (a day): longer is a clock error, not an answer."""

_ASCII_NUMBER = re.compile(r"[0-9]{1,10}")


def parse_id(text: str) -> int | None:
    """``text`` as a row id when it is one (ASCII digits, 1 to :data:`MAX_ID`), else None.

    >>> parse_id("42"), parse_id("0"), parse_id("\u00b3"), parse_id("\uff13"), parse_id("9223372036854775808")
    (42, None, None, None, None)
    """
    if not _ASCII_NUMBER.fullmatch(text):
        return None
    value = int(text)
    return value if 1 <= value <= MAX_ID else None


def in_range(value: int) -> bool:
    """Whether an integer can name a row (1 to :data:`MAX_ID`)."""
    return 1 <= value <= MAX_ID
