"""The plan, today and compare commands: output, JSON, the calendar file, and one-line errors."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from support.cli import run

TODAY = "2027-01-04"
INTERVIEW = (date(2027, 1, 4) + timedelta(days=14)).isoformat()


def test_plan_prints_a_14_day_plan_and_today_shows_its_items(tmp_path: Path) -> None:
    code, out, _ = run("plan", "--interview", INTERVIEW, "--hours-per-day", "1.5", "--today", TODAY,
                       "--ics", str(tmp_path / "plan.ics"))  # fmt: skip
    assert code == 0
    assert "Study plan to the interview on Mon 2027-01-18" in out and "slack: kept free" in out
    assert "Pass 1 (survey): Transformer" in out and "Mock interview" in out and "DOES NOT FIT" in out
    assert (tmp_path / "plan.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
    code, out, _ = run("today", "--today", TODAY, "--json")
    data = json.loads(out)
    assert code == 0 and data["day"] == TODAY and data["items"][0]["title"].startswith("Pass 1")
    code, out, _ = run("log", "attention-is-all-you-need", "--pass", "1", "--minutes", "8")
    assert code == 0
    code, out, _ = run("today")  # the real today: not a day of this plan, or ticked
    assert code == 0


def test_plan_json_replan_and_show(tmp_path: Path) -> None:
    code, out, _ = run("plan", "--interview", INTERVIEW, "--hours-per-day", "2", "--today", TODAY, "--json")
    first = json.loads(out)
    assert code == 0 and first["report"]["fits"] and len(first["days"]) == 14
    code, out, _ = run("plan", "--replan", "--today", "2027-01-06", "--json")
    moved = json.loads(out)
    assert code == 0 and moved["starts_on"] == "2027-01-06" and moved["revision"] == 2
    code, out, _ = run("plan", "--today", "2027-01-06")
    assert code == 0 and "(today)" in out


def test_plan_errors_are_one_line_with_exit_2() -> None:
    for args, text in [
        (["--interview", "2020-01-01", "--hours-per-day", "1"], "must be after today"),
        (["--interview", INTERVIEW, "--hours-per-day", "0", "--today", TODAY], "hours per day"),
        (["--interview", "next friday", "--hours-per-day", "1"], "not a date"),
        (["--interview", INTERVIEW, "--today", TODAY], "--hours-per-day is needed"),
        (["--interview", INTERVIEW, "--hours-per-day", "1", "--focus", "bogus", "--today", TODAY], "focus"),
    ]:
        code, _, err = run("plan", *args)
        assert code == 2 and text in err and err.count("\n") == 1, (args, err)
    code, _, err = run("today")
    assert code == 2 and "no study plan" in err


def test_compare_table_markdown_drill_and_errors(tmp_path: Path) -> None:
    code, out, _ = run("compare", "dpo", "kto", "orpo")
    assert code == 0 and "Problem" in out and "Questions that link them" in out
    code, out, _ = run("compare")
    assert code == 0 and "cot-tot-react" in out
    handout = tmp_path / "handout.md"
    code, out, err = run("compare", "--preset", "cot-tot-react", "--markdown", str(handout), "--drill")
    assert code == 0 and handout.read_text().startswith("# CoT, ToT and ReAct") and "due now" in out
    code, out, _ = run("compare", "--preset", "moe-dense", "--markdown", "-")
    assert code == 0 and out.startswith("# MoE")
    code, out, _ = run("compare", "lora", "mamba", "--json")
    assert code == 0 and [c["slug"] for c in json.loads(out)["columns"]] == ["lora", "mamba"]
    for args, text in [(["lora", "nope"], "no guide entry"), (["lora"], "at least two"),
                       (["--preset", "nope"], "no preset")]:  # fmt: skip
        code, _, err = run("compare", *args)
        assert code == 2 and text in err and err.count("\n") == 1


def test_today_says_when_a_ticked_reading_items_pass_is_not_complete_yet() -> None:
    interview = (date.today() + timedelta(days=14)).isoformat()
    assert run("plan", "--interview", interview, "--hours-per-day", "1.5")[0] == 0
    code, out, _ = run("today", "--json")
    first = json.loads(out)["items"][0]
    assert code == 0 and first["title"].startswith("Pass 1") and first["pass_complete"] is False
    assert run("log", "attention-is-all-you-need", "--pass", "1", "--minutes", "8")[0] == 0
    code, out, _ = run("today")
    assert code == 0 and "time logged; pass 1 is complete once `paperpass pass-done` accepts it" in out
    assert run("pass-done", "attention-is-all-you-need", "1", "--force")[0] == 0
    code, out, _ = run("today")
    assert code == 0 and "time logged" not in out
