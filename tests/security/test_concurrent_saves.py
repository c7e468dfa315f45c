"""Saves at the same moment, from real threads against a real server on SQLite and PostgreSQL: a conflict is
a 409 carrying both texts, a busy database makes a write wait rather than fail, and every save the server
acknowledged is in the note's history, also after the server is killed with SIGKILL.

On the old code two first saves of one note at once were a 500 on PostgreSQL (the unique constraint on the
note), and 16 saves at once on SQLite gave "database is locked" 500s (a deferred transaction that reads
first cannot wait for the write lock).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx

from paperpass.catalog import load_catalog
from support.live import RealServer, page_token
from support.notes import GOOD_NOTE

SLUGS = [entry.slug for entry in load_catalog().entries]


def at_once(count: int, work: Callable[[int], Any]) -> list[Any]:
    """``work(0..count-1)`` in ``count`` threads released together."""
    start = threading.Barrier(count)

    def run(i: int) -> Any:
        start.wait()
        return work(i)

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(run, range(count)))


def note_text(words: str) -> str:
    return GOOD_NOTE.replace("RNNs read tokens", f"RNNs read tokens ({words})")


class Writer:
    """A tab of the note editor: its own client and the page's CSRF token."""

    def __init__(self, server: RealServer) -> None:
        self.client = server.client()
        self.token = page_token(self.client, "/")

    def save(self, slug: str, text: str, version: int) -> httpx.Response:
        return self.client.post(
            f"/api/papers/{slug}/note",
            json={"text": text, "version": version},
            headers={"X-CSRF-Token": self.token},
        )

    def note(self, slug: str) -> dict[str, Any]:
        return dict(self.client.get(f"/api/papers/{slug}/note").json())


def test_first_saves_of_one_note_at_once_are_one_save_and_409s(local_server: RealServer) -> None:
    slug = SLUGS[0]
    writers = [Writer(local_server) for _ in range(8)]
    answers = at_once(8, lambda i: writers[i].save(slug, note_text(f"writer {i}"), 0))
    statuses = sorted(a.status_code for a in answers)
    assert statuses == [200] + [409] * 7, [(a.status_code, a.text[:200]) for a in answers]
    winner = next(i for i, a in enumerate(answers) if a.status_code == 200)
    for i, answer in enumerate(answers):
        if answer.status_code == 409:
            conflict = answer.json()
            assert conflict["mine"].strip() == note_text(f"writer {i}").strip()
            assert conflict["theirs"].strip() == note_text(f"writer {winner}").strip()
    saved = writers[0].note(slug)
    assert saved["version"] == 1 and f"writer {winner}" in saved["text"]
    assert "Traceback" not in local_server.output()


def test_sixteen_saves_at_once_all_land(local_server: RealServer) -> None:
    slugs = SLUGS[1:17]
    writers = [Writer(local_server) for _ in slugs]
    for round_ in range(3):
        answers = at_once(16, lambda i, r=round_: writers[i].save(slugs[i], note_text(f"round {r}"), r))
        assert [a.status_code for a in answers] == [200] * 16, [a.text[:200] for a in answers if a.is_error]
    for writer, slug in zip(writers, slugs, strict=True):
        note = writer.note(slug)
        assert note["version"] == 3 and "round 2" in note["text"]
    assert "Traceback" not in local_server.output()


def test_acknowledged_saves_survive_a_kill(start_server: Any) -> None:
    server: RealServer = start_server(accounts=False)
    slugs = SLUGS[:8]
    writers = [Writer(server) for _ in slugs]
    acknowledged: dict[str, int] = {}
    stop = threading.Event()

    def keep_saving(i: int) -> None:
        version = 0
        while not stop.is_set():
            try:
                answer = writers[i].save(slugs[i], note_text(f"save {version + 1}"), version)
            except httpx.HTTPError:
                return  # the server is gone
            if answer.status_code != 200:
                return
            version = answer.json()["version"]
            acknowledged[slugs[i]] = version

    threads = [threading.Thread(target=keep_saving, args=(i,)) for i in range(len(slugs))]
    for thread in threads:
        thread.start()
    while sum(acknowledged.values()) < 40:
        threading.Event().wait(0.05)
    server.process.send_signal(signal.SIGKILL)  # type: ignore[union-attr]
    server.process.wait()  # type: ignore[union-attr]
    stop.set()
    for thread in threads:
        thread.join(timeout=60)
    server.start()  # the same library, a new process
    reader = Writer(server)
    for slug, version in acknowledged.items():
        note = reader.note(slug)
        assert note["version"] >= version and f"save {note['version']}" in note["text"]
