"""One progress model: every view of a paper's stage says the same thing for the same library.

The stage comes from :mod:`paperpass.papers.stage` (a pass is reached when ``pass-done`` accepts it or it
is overridden), so 45 minutes logged on pass 2 after ``pass-done 2`` refused leaves LoRA at pass 1 in the
CLI (checklist, progress, readiness, show, guide, plan), on the web pages (home, guide entry, paper page,
readiness) and in the API (checklist, progress, readiness, paper).
"""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import Any

from paperpass.plan.service import local_today
from support.cli import CliRun

BADGE = re.compile(r'<span class="status status-([a-z0-9-]+)" title="reading status">')


def _badge_after(page: str, anchor: str) -> str:
    """The stage badge that follows ``anchor`` on a page (the first one after it)."""
    at = page.index(anchor)
    found = BADGE.search(page, at)
    assert found is not None, anchor
    return found.group(1)


def _json(cli: CliRun, *args: str) -> Any:
    result = cli(*args, "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def _cli_views(cli: CliRun) -> dict[str, object]:
    checklist = _json(cli, "checklist")
    progress = _json(cli, "progress")
    ready = _json(cli, "ready")
    guide = cli("guide")
    guide_row = next(line for line in guide.out.splitlines() if "LoRA: Low-Rank" in line)
    efficiency = next(c for c in progress["categories"] if c["slug"] == "efficiency-scaling")
    return {
        "checklist": next(i["status"] for i in checklist if i["entries"] == ["lora"]),
        "progress top-15": next(t["status"] for t in progress["top15"] if t["entries"] == ["lora"]),
        "progress category": next(p["status"] for p in efficiency["papers"] if p["slug"] == "lora"),
        "readiness": next(i["pass_reached"] for i in ready["items"] if i["entries"] == ["lora"]),
        "show": _json(cli, "show", "lora")["status"],
        "guide": re.search(r"(to-read|pass-1|pass-2|pass-3|done)", guide_row).group(1),  # type: ignore[union-attr]
    }


def _web_views(client: Any) -> dict[str, object]:
    home = client.get("/").text
    return {
        "home (guide)": _badge_after(home, '<a href="/guide/lora">LoRA'),
        "home (top 15)": _badge_after(home, 'efficient fine-tuning'),
        "guide page": _badge_after(client.get("/guide/lora").text, "<h1"),
        "paper page": _badge_after(client.get("/papers/lora").text, '<p class="meta">'),
        "api checklist": next(i["status"] for i in client.get("/api/checklist").json()
                              if i["entries"] == ["lora"]),
        "api progress": next(t["status"] for t in client.get("/api/progress").json()["top15"]
                             if t["entries"] == ["lora"]),
        "api readiness": next(i["pass_reached"] for i in client.get("/api/ready").json()["items"]
                              if i["entries"] == ["lora"]),
        "api paper": client.get("/api/papers/lora").json()["status"],
    }  # fmt: skip


def _planned_passes(cli: CliRun) -> list[int]:
    interview = (local_today() + timedelta(days=60)).isoformat()
    made = _json(cli, "plan", "--interview", interview, "--hours-per-day", "4", "--focus", "all")
    items = [i for d in made["days"] for i in d["items"]]
    return sorted({i["pass"] for i in items if i["kind"] == "read" and i["entry"] == "lora"})


def test_time_logged_after_a_refused_pass_done_moves_no_view(cli: CliRun, web_client: Any) -> None:
    assert cli("pass-done", "lora", "1", "--force").code == 0
    assert cli("log", "lora", "--pass", "2", "--minutes", "45").code == 0
    refused = cli("pass-done", "lora", "2")
    assert refused.code != 0 and "not complete" in refused.out + refused.err
    stage_words = {"checklist", "progress top-15", "progress category", "show", "guide"}
    cli_views = _cli_views(cli)
    assert {k: v for k, v in cli_views.items() if k in stage_words} == dict.fromkeys(stage_words, "pass-1")
    assert cli_views["readiness"] == 1
    web = _web_views(web_client)
    assert {k: v for k, v in web.items() if k != "api readiness"} == {
        k: "pass-1" for k in web if k != "api readiness"
    }
    assert web["api readiness"] == 1
    assert _ready_page_pass(web_client.get("/ready").text) == "1/3"
    # the plan starts from the same stage: LoRA's pass 2 is still to read, pass 1 is not read again
    assert _planned_passes(cli) == [2, 3]


def _ready_page_pass(page: str) -> str:
    """The 'pass reached' cell of LoRA's row in the readiness page's table."""
    found = re.search(r'<td><a href="[^"]*">LoRA</a></td><td>(\d/3)</td>', page)
    assert found is not None
    return found.group(1)


def test_every_view_moves_together_when_the_pass_is_overridden(cli: CliRun, web_client: Any) -> None:
    """The same time logged, then ``pass-done 2 --force``: every view moves to pass 2 at once."""
    assert cli("pass-done", "lora", "1", "--force").code == 0
    assert cli("log", "lora", "--pass", "2", "--minutes", "45").code == 0
    assert cli("pass-done", "lora", "2", "--force").code == 0
    assert _ready_page_pass(web_client.get("/ready").text) == "2/3"
    cli_views = _cli_views(cli)
    assert cli_views["readiness"] == 2 and cli_views["checklist"] == cli_views["show"] == "pass-2"
    web = _web_views(web_client)
    assert web["api readiness"] == 2
    assert {v for k, v in web.items() if k != "api readiness"} == {"pass-2"}
    assert _planned_passes(cli) == [3]
