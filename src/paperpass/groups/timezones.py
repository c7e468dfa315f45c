"""A time zone as an iCalendar ``VTIMEZONE`` written with ``RRULE``s, built from the zoneinfo database.

Calendar readers do not all read a zone the same way: vobject (through dateutil) reads only the first date
of an ``RDATE`` list, so a zone written as lists of dates (icalendar's ``add_missing_timezones``) puts
every meeting after the first spring change an hour off there. Written the way most calendar producers
write zones (one ``STANDARD`` and one ``DAYLIGHT`` observance with yearly rules such as "last Sunday of
March"), vobject, dateutil, icalendar and zoneinfo agree.

The transitions of the years around the events are read from zoneinfo and grouped into yearly rules; a
rule that changed (the United States in 2007) ends with ``UNTIL`` and the next starts; a transition
that follows no rule stands alone (a ``DTSTART`` without ``RRULE``).
"""

from __future__ import annotations

import calendar as months
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from icalendar import Timezone

DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
MARGIN_YEARS = 1
"""Transitions are read up to a year after the last event, and from a year before the first one ..."""
EARLIEST_YEAR = 2000
"""... or from 2000 if that is earlier: vobject decides whether a zone is UTC by its offsets in 2000-2020,
and takes one without rules there for UTC."""


@dataclass(frozen=True)
class Transition:
    """A change of offset: when (UTC), from and to which offset, and the zone's name after it."""

    at: datetime
    before: timedelta
    after: timedelta
    name: str

    @property
    def local(self) -> datetime:
        """The local wall time at which it happens, as RFC 5545 wants it: in the offset before."""
        return (self.at + self.before).replace(tzinfo=None)

    @property
    def kind(self) -> tuple[timedelta, timedelta, str, int, tuple[int, int, int]]:
        """What must be equal for transitions to share one yearly rule."""
        local = self.local
        return self.before, self.after, self.name, local.month, (local.hour, local.minute, local.second)

    def rules(self) -> set[str]:
        """The ``BYDAY`` values that name its date within its month: ``2SU``, ``-1SU`` ..."""
        local = self.local
        day = DAYS[local.weekday()]
        found = {f"{(local.day - 1) // 7 + 1}{day}"}
        if local.day + 7 > months.monthrange(local.year, local.month)[1]:
            found.add(f"-1{day}")
        return found


@dataclass
class _Run:
    """Yearly transitions of one kind that one rule describes."""

    transitions: list[Transition]
    rules: set[str] = field(default_factory=set)


def transitions(zone: ZoneInfo, start: datetime, end: datetime) -> list[Transition]:
    """Every change of ``zone``'s UTC offset between two instants (found day by day, then to the second)."""

    def offset(second: int) -> timedelta | None:
        return datetime.fromtimestamp(second, UTC).astimezone(zone).utcoffset()

    found = []
    moment, stop = int(start.timestamp()), int(end.timestamp())
    current = offset(moment)
    while moment < stop:
        step = moment + 86_400
        if offset(step) != current:
            low, high = moment, step  # the change happens in (low, high]
            while high - low > 1:
                middle = (low + high) // 2
                low, high = (middle, high) if offset(middle) == current else (low, middle)
            after = datetime.fromtimestamp(high, UTC).astimezone(zone)
            new = after.utcoffset() or timedelta(0)
            found.append(Transition(datetime.fromtimestamp(high, UTC), current or timedelta(0), new,
                                    after.tzname() or ""))  # fmt: skip
            current = new
        moment = step
    return found


def _runs(changes: list[Transition]) -> list[_Run]:
    """Transitions grouped into yearly rules, kind by kind, in time order."""
    runs: list[_Run] = []
    open_runs: dict[tuple[object, ...], _Run] = {}
    for change in changes:
        run = open_runs.get(change.kind)
        if run is not None:
            last = run.transitions[-1].local
            shared = run.rules & change.rules()
            if change.local.year == last.year + 1 and shared:
                run.transitions.append(change)
                run.rules = shared
                continue
        run = _Run([change], change.rules())
        open_runs[change.kind] = run
        runs.append(run)
    return runs


@lru_cache(maxsize=64)
def _zone_runs(tzid: str, start_year: int, end_year: int) -> tuple[_Run, ...]:
    """The yearly rules of a zone over whole years, in time order (cached: a scan takes ~50 ms)."""
    changes = transitions(
        ZoneInfo(tzid), datetime(start_year, 1, 1, tzinfo=UTC), datetime(end_year, 1, 1, tzinfo=UTC)
    )
    return tuple(sorted(_runs(changes), key=lambda r: r.transitions[0].at))


def vtimezone(tzid: str, first: datetime, last: datetime) -> Timezone:
    """The ``VTIMEZONE`` of ``tzid`` for events between ``first`` and ``last``.

    Raises:
        zoneinfo.ZoneInfoNotFoundError: ``tzid`` is not a zone of the database.
    """
    # icalendar is imported when a calendar is written (~30 ms), not with every page that imports this.
    from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

    zone = ZoneInfo(tzid)
    start = datetime(min(first.year - MARGIN_YEARS, EARLIEST_YEAR), 1, 1, tzinfo=UTC)
    end = datetime(last.year + MARGIN_YEARS + 1, 1, 1, tzinfo=UTC)
    component = Timezone()
    component.add("tzid", tzid)
    # the offset in force before the first change read (the only one, for a zone without changes)
    before = start.astimezone(zone)
    initial = TimezoneDaylight() if (before.dst() or timedelta(0)) > timedelta(0) else TimezoneStandard()
    initial.add("dtstart", datetime(1970, 1, 1))
    initial.add("tzoffsetfrom", before.utcoffset())
    initial.add("tzoffsetto", before.utcoffset())
    initial.add("tzname", before.tzname() or tzid)
    component.add_component(initial)
    for run in _zone_runs(tzid, start.year, end.year):
        head = run.transitions[0]
        observance = TimezoneDaylight() if head.after > head.before else TimezoneStandard()
        observance.add("dtstart", head.local)
        observance.add("tzoffsetfrom", head.before)
        observance.add("tzoffsetto", head.after)
        observance.add("tzname", head.name)
        if len(run.transitions) > 1:
            # "-1SU" (last Sunday) sorts first: preferred when the years seen fit "4SU" as well
            rule: dict[str, object] = {"freq": "YEARLY", "bymonth": head.local.month, "byday": min(run.rules)}
            if run.transitions[-1].at.year < end.year - 1:  # the rule stopped before the range ends
                rule["until"] = run.transitions[-1].at
            observance.add("rrule", rule)
        component.add_component(observance)
    return component
