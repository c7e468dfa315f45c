"""Exit criteria before a pass is marked complete, and --force logged as such."""

from __future__ import annotations

from paperpass.library import get_paper, paper_status
from paperpass.notes.history import save_note
from paperpass.reading.exits import check_exit, complete_pass
from paperpass.store import Store
from paperpass.store import reading as reading_rows
from support.library import library_for
from support.notes import GOOD_NOTE, without


def save(store: Store, slug: str, text: str) -> None:
    paper = get_paper(library_for(store), slug)
    from paperpass.store import notes as note_rows

    with store.connect() as conn:
        current = note_rows.current_note(conn, paper.id or 0, user_id=0)
    save_note(library_for(store), paper, text, current.version if current else 0)


def test_without_a_note_no_pass_can_complete(library_with_guide: Store) -> None:
    paper = get_paper(library_for(library_with_guide), "lora")
    done = complete_pass(library_for(library_with_guide), paper, 1)
    assert not done.completed and "no note yet" in done.check.missing[0]
    assert paper_status(library_for(library_with_guide), paper) == "to-read"
    with library_with_guide.connect() as conn:
        assert reading_rows.sessions(conn, [paper.id or 0], user_id=0) == []


def test_pass_1_needs_the_problem_and_the_main_result(library_with_guide: Store) -> None:
    paper = get_paper(library_for(library_with_guide), "lora")
    save(library_with_guide, "lora", without(without(GOOD_NOTE, "Problem"), "Results"))
    assert [m.split(":")[0] for m in check_exit(library_for(library_with_guide), paper, 1).missing] == [
        "Problem",
        "Results",
    ]
    save(library_with_guide, "lora", GOOD_NOTE.replace("RNNs read tokens", "TODO RNNs read tokens"))
    assert check_exit(library_for(library_with_guide), paper, 1).missing == [
        "Problem: write the problem sentence"
    ]
    save(library_with_guide, "lora", GOOD_NOTE)
    done = complete_pass(library_for(library_with_guide), paper, 1)
    assert (
        done.completed
        and not done.forced
        and paper_status(library_for(library_with_guide), paper) == "pass-1"
    )


def test_pass_2_needs_lint_and_a_short_colleague_summary(library_with_guide: Store) -> None:
    paper = get_paper(library_for(library_with_guide), "lora")
    save(library_with_guide, "lora", without(GOOD_NOTE, "Colleague summary").replace("8 GPUs", "eight GPUs")
         .replace("28.4 BLEU on WMT 2014 En-De after 3.5 days on", "Better BLEU on"))  # fmt: skip
    missing = check_exit(library_for(library_with_guide), paper, 2).missing
    assert missing[0].startswith("lint: Results (results): no number")
    assert missing[-1].startswith("Colleague summary:")
    long = GOOD_NOTE.replace("beats RNNs on translation.", "beats RNNs.\n\nA second paragraph.")
    save(library_with_guide, "lora", long)
    assert check_exit(library_for(library_with_guide), paper, 2).missing == [
        "Colleague summary: keep it to one short paragraph (at most 150 words)"
    ]
    save(library_with_guide, "lora", GOOD_NOTE)
    assert check_exit(library_for(library_with_guide), paper, 2).met


def test_pass_3_needs_a_connection_to_a_library_paper(library_with_guide: Store) -> None:
    paper = get_paper(library_for(library_with_guide), "attention-is-all-you-need")
    no_link = GOOD_NOTE.replace("[[lora]]", "LoRA").replace("[[flash-attention|Flash]]", "Flash")
    save(library_with_guide, "attention-is-all-you-need", no_link)
    assert check_exit(library_for(library_with_guide), paper, 3).missing == [
        "Connections: link at least one other library paper as [[slug]]"
    ]
    self_only = no_link.replace("It is the base of LoRA", "See [[attention-is-all-you-need]] and [[no-such]]")
    save(library_with_guide, "attention-is-all-you-need", self_only)
    assert not check_exit(library_for(library_with_guide), paper, 3).met
    save(library_with_guide, "attention-is-all-you-need", without(without(GOOD_NOTE, "Assumptions examined"),
                                                                  "Improvement ideas"))  # fmt: skip
    assert [m.split(":")[0] for m in check_exit(library_for(library_with_guide), paper, 3).missing] == [
        "Assumptions examined", "Improvement ideas"
    ]  # fmt: skip
    save(library_with_guide, "attention-is-all-you-need", GOOD_NOTE)
    done = complete_pass(library_for(library_with_guide), paper, 3)
    assert done.completed and paper_status(library_for(library_with_guide), paper) == "done"


def test_force_completes_and_says_so_in_the_log(library_with_guide: Store) -> None:
    paper = get_paper(library_for(library_with_guide), "dpo")
    done = complete_pass(library_for(library_with_guide), paper, 2, force=True)
    assert done.completed and done.forced and done.session is not None
    with library_with_guide.connect() as conn:
        [entry] = reading_rows.sessions(conn, [paper.id or 0], user_id=0)
    assert entry.completed and entry.forced and entry.minutes == 0
    assert entry.note.startswith("forced; missing: no note yet")
    assert paper_status(library_for(library_with_guide), paper) == "pass-2"
