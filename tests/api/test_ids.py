"""Ids, versions and durations typed into URLs and forms: ASCII digits within the database's integer range,
else a 404 or 422 (never a 500, on SQLite and PostgreSQL alike); negative durations refused."""

from __future__ import annotations

import re
from typing import Any

import pytest

from paperpass.ids import MAX_ID, parse_id
from paperpass.store import Store
from paperpass.store import practice as rows

PAST_64_BITS = "9223372036854775808"  # 2**63: no SQLite or PostgreSQL integer holds it
PAST_32_BITS = str(MAX_ID + 1)  # what a PostgreSQL integer column cannot hold


def test_an_id_is_ascii_digits_within_range() -> None:
    assert parse_id("42") == 42 and parse_id(str(MAX_ID)) == MAX_ID
    for text in ("0", "-1", "+3", " 3", "3.0", "\u00b3", "\uff13", "\u0663", PAST_32_BITS, PAST_64_BITS, ""):
        assert parse_id(text) is None, text


@pytest.mark.parametrize("number", [PAST_64_BITS, PAST_32_BITS, "0", "-1"])
def test_ids_out_of_range_are_refused_as_input(client: Any, number: str) -> None:
    for path in (f"/mock/{number}", f"/mock/{number}/report", f"/api/mock/{number}",
                 f"/practice/{number}/result"):  # fmt: skip
        answer = client.get(path)
        assert answer.status_code == 422, path
    assert client.get("/api/mock/" + number).json()["error"].startswith("invalid request: path.mock_id")
    revealed = client.post(f"/practice/{number}/reveal", data={"answer": "an answer"})
    assert revealed.status_code == 422 and "question_id" in revealed.text
    assert client.post(f"/mock/{number}/answer/1", data={"answer": "x"}).status_code == 422
    assert client.get("/mock/12345").status_code == 404  # in range: simply not there


def _question(client: Any, kind: str) -> int:
    bank = client.get("/api/questions", params={"kind": kind}).json()
    return int(bank[0]["id"])


def test_durations_are_milliseconds_from_zero_to_a_day(client: Any, library_with_guide: Store) -> None:
    cloze = _question(client, "cloze")
    for bad in ("-5", PAST_64_BITS, "86400001", "\u00b3", "1.5"):
        refused = client.post(f"/practice/{cloze}/answer", data={"response": "x", "elapsed_ms": bad})
        assert refused.status_code == 422 and "elapsed_ms" in refused.text, bad
    with library_with_guide.connect() as conn:
        assert rows.reviews(conn, 0) == []  # nothing logged by a refused answer
    kept = client.post(f"/practice/{cloze}/answer", data={"response": "x", "elapsed_ms": "4500"},
                       follow_redirects=False)  # fmt: skip
    assert kept.status_code == 303
    with library_with_guide.connect() as conn:
        assert [r.duration_ms for r in rows.reviews(conn, 0)] == [4500]
    unknown = client.post(f"/practice/{cloze}/answer", data={"response": "x", "elapsed_ms": ""},
                          follow_redirects=False)  # fmt: skip
    assert unknown.status_code == 303  # a page that could not time the answer sends nothing


def test_meeting_minutes_versions_are_in_range(client: Any) -> None:
    club = {"name": "Range", "weekday": "thursday", "at": "17:00", "zone": "UTC", "starts_on": "2026-10-01"}
    made = client.post("/groups", data=club, follow_redirects=False)
    assert made.status_code == 303
    url = made.headers["location"].split("#")[0] + "/meetings/2026-10-01/minutes"
    for bad in (PAST_64_BITS, PAST_32_BITS, "-1", "\uff11"):
        refused = client.post(url, data={"version": bad, "notes": "n"})
        assert refused.status_code == 422 and "version" in refused.text, bad
    saved = client.post(url, data={"version": "0", "notes": "we read it"}, follow_redirects=False)
    assert saved.status_code == 303


def test_non_ascii_digits_are_slugs_not_ids(client: Any) -> None:
    third = client.get("/api/papers/3").json()
    assert client.get("/papers/3").status_code == 200 and third["id"] == 3
    for key in ("%C2%B3", "%EF%BC%93", "%D9%A3", PAST_64_BITS):  # ³, full-width 3, Arabic-Indic 3, 2**63
        page = client.get(f"/papers/{key}")
        assert page.status_code == 404, key
        api = client.get(f"/api/papers/{key}")
        assert api.status_code == 404 and set(api.json()) == {"error"}, key


def test_show_with_a_superscript_digit_is_a_one_line_error(cli: Any, sqlite_library: Store) -> None:
    for key in ("\u00b3", "\uff13", PAST_64_BITS):
        result = cli("show", key)
        assert result.code != 0, key  # not found: 2, as for any missing paper
        assert "Traceback" not in result.err and len(result.err.strip().splitlines()) == 1
        assert re.search(r"no paper .* in the library", result.err), result.err
