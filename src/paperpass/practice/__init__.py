"""Interview practice: the question bank, FSRS spaced repetition, coverage judges, mock interviews,
the readiness report and the Anki export.

Modules: ``bank`` (questions from the guide), ``questions`` (the bank in the library, note cards, user
questions), ``scheduling`` (FSRS reviews), ``judges`` and ``semantic`` (coverage of reference points),
``mock`` (timed mock interviews), ``readiness`` (how ready the user is), ``anki`` (``.apkg`` export).
"""

from __future__ import annotations

from paperpass.practice.anki import AnkiExport, export_anki
from paperpass.practice.exact import (
    answer_exact,
    card_for_question,
    exact_card,
    last_exact_result,
    questions_json,
)
from paperpass.practice.grades import PointGrade
from paperpass.practice.judges import CoverageJudge, LexicalJudge, PointVerdict, semantic_available
from paperpass.practice.judging import make_grader, make_judge
from paperpass.practice.mock import (
    ROLE_NAMES,
    ROLES,
    MockInterview,
    answer_question,
    get_mock,
    report_json,
    show_question,
    start_mock,
)
from paperpass.practice.questions import add_question, bank_by_kind, get_question, list_questions, sync_bank
from paperpass.practice.readiness import Readiness, ReadinessReport, readiness_report
from paperpass.practice.scheduling import parse_rating, practice_queue, review

__all__ = [
    "AnkiExport",
    "CoverageJudge",
    "LexicalJudge",
    "MockInterview",
    "PointGrade",
    "PointVerdict",
    "ROLES",
    "ROLE_NAMES",
    "Readiness",
    "ReadinessReport",
    "add_question",
    "answer_exact",
    "answer_question",
    "bank_by_kind",
    "card_for_question",
    "exact_card",
    "export_anki",
    "get_mock",
    "get_question",
    "last_exact_result",
    "list_questions",
    "make_grader",
    "make_judge",
    "parse_rating",
    "practice_queue",
    "questions_json",
    "readiness_report",
    "report_json",
    "review",
    "semantic_available",
    "show_question",
    "start_mock",
    "sync_bank",
]
