"""A meeting's agenda, timeboxed for 30-60 minutes: recap, method, results, discussion, open questions, next.

Timeboxes share the meeting by fixed weights (discussion gets the most, as the guide's reading groups are
for discussing) and always add up to the meeting's length.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from paperpass.catalog import Entry
from paperpass.groups.manage import check_minutes
from paperpass.groups.questions import OpenQuestion, open_questions
from paperpass.groups.schedule import GroupSchedule, Meeting, Reading
from paperpass.library import Library
from paperpass.store import papers as paper_rows

# (key, title, weight): the share of the meeting each part gets.
PARTS: tuple[tuple[str, str, int], ...] = (
    ("recap", "Recap: the problem and the key idea", 5),
    ("method", "Method", 7),
    ("results", "Results", 5),
    ("discussion", "Discussion", 14),
    ("questions", "Members' open questions", 7),
    ("next", "Next paper", 2),
)


@dataclass(frozen=True)
class AgendaItem:
    """One timeboxed part of the meeting; ``starts`` is minutes from the start."""

    key: str
    title: str
    minutes: int
    starts: int
    points: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Agenda:
    """Everything needed to run (or print) one meeting."""

    group_name: str
    meeting: Meeting
    minutes: int
    items: list[AgendaItem]
    questions: list[OpenQuestion]
    next_meeting: Meeting | None

    @property
    def reading(self) -> Reading:
        """The paper discussed."""
        assert self.meeting.reading is not None
        return self.meeting.reading


def timeboxes(minutes: int) -> list[tuple[str, str, int]]:
    """Each part's minutes for a meeting of ``minutes`` (largest remainder, so they sum exactly)."""
    total = sum(w for _, _, w in PARTS)
    exact = [minutes * w / total for _, _, w in PARTS]
    whole = [int(x) for x in exact]
    by_remainder = sorted(range(len(PARTS)), key=lambda i: (whole[i] - exact[i], i))
    for i in by_remainder[: minutes - sum(whole)]:
        whole[i] += 1
    return [(key, title, whole[i]) for i, (key, title, _) in enumerate(PARTS)]


def _entry_points(entry: Entry | None, abstract: str | None) -> dict[str, list[str]]:
    if entry is None:
        summary = [abstract.strip()] if abstract else []
        return {
            "recap": summary + ["What problem does the paper solve, and what is its key idea?"],
            "method": ["The presenter walks through the method: architecture, training, data."],
            "results": ["Main results and the numbers that support them; what the baselines were."],
            "discussion": ["What would you try next?", "Where does it not apply?", "What surprised you?"],
        }
    results = list(entry.results) + ([f"Key insight: {entry.key_insight}"] if entry.key_insight else [])
    return {
        "recap": [f"Problem: {entry.problem}", f"Key idea: {entry.key_idea}"],
        "method": list(entry.method),
        "results": results,
        "discussion": list(entry.discussion_points),
    }


def _next_points(following: Meeting | None) -> list[str]:
    if following is None or following.reading is None:
        return ["This was the last paper on the list: choose what to read next."]
    who = f", presented by {following.presenter.name}" if following.presenter else ""
    return [f"{following.day:%a %d %b %Y}: {following.reading.title}{who}"]


def build_agenda(library: Library, schedule: GroupSchedule, day: date, minutes: int | None = None) -> Agenda:
    """The agenda of the meeting on ``day`` for ``minutes`` (default: the group's meeting length).

    In a single-user library the local user's own open questions are on it too ("you").

    Raises:
        InvalidInputError: no meeting that day, or a length outside 30-60 minutes.
    """
    length = check_minutes(minutes or schedule.group.minutes)
    meeting = schedule.meeting_on(day)
    reading = meeting.reading
    assert reading is not None
    entry = next((e for e in library.catalog.entries if e.slug == reading.entry_slug), None)
    abstract = None
    if entry is None and reading.paper_id is not None:
        with library.store.connect() as conn:
            found = paper_rows.find_paper(conn, reading.paper_id)
        abstract = found.abstract if found else None
    single_user = library.viewer.local and library.viewer.personal
    questions = open_questions(
        library.store, reading.paper_id, schedule.members, local=single_user, group_id=schedule.group.id
    )
    following = schedule.after(meeting)
    points = _entry_points(entry, abstract)
    points["questions"] = [f"{q.asked_by}: {q.text}" for q in questions] or [
        "No shared questions in members' notes yet: go round the table."
    ]
    points["next"] = _next_points(following)
    items, start = [], 0
    for key, title, share in timeboxes(length):
        items.append(AgendaItem(key, title, share, start, points.get(key, [])))
        start += share
    return Agenda(schedule.group.name, meeting, length, items, questions, following)


def agenda_markdown(agenda: Agenda) -> str:
    """The agenda as Markdown, to print or paste into the meeting's invitation."""
    meeting = agenda.meeting
    lines = [
        f"# {agenda.group_name}: {agenda.reading.title}",
        "",
        f"{meeting.starts_at:%A %d %B %Y, %H:%M} ({meeting.starts_at.tzinfo}) · {agenda.minutes} minutes"
        + (f" · presenter: {meeting.presenter.name}" if meeting.presenter else ""),
        "",
    ]
    for item in agenda.items:
        end = item.starts + item.minutes
        lines += [f"## {item.starts:02d}-{end:02d} min · {item.title} ({item.minutes} min)", ""]
        lines += [f"- {point}" for point in item.points] + [""]
    return "\n".join(lines).rstrip() + "\n"
