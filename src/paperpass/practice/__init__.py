"""Interview practice: the question bank, FSRS spaced repetition, coverage judges, mock interviews and
the Anki export (the readiness report, which follows the study plan, lives in :mod:`paperpass.plan`).

Modules: ``bank`` (questions from the guide), ``questions`` (the bank in the library, note cards, user
questions), ``scheduling`` (FSRS reviews), ``judges`` and ``semantic`` (coverage of reference points),
``mock`` (timed mock interviews), ``anki`` (``.apkg`` export).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from paperpass.lazy import Exports, exports

if TYPE_CHECKING:
    from paperpass.practice.anki import AnkiExport as AnkiExport
    from paperpass.practice.anki import export_anki as export_anki
    from paperpass.practice.exact import answer_exact as answer_exact
    from paperpass.practice.exact import card_for_question as card_for_question
    from paperpass.practice.exact import exact_card as exact_card
    from paperpass.practice.exact import last_exact_result as last_exact_result
    from paperpass.practice.exact import questions_json as questions_json
    from paperpass.practice.grades import Grader as Grader
    from paperpass.practice.grades import PointGrade as PointGrade
    from paperpass.practice.judges import CoverageJudge as CoverageJudge
    from paperpass.practice.judges import LexicalJudge as LexicalJudge
    from paperpass.practice.judges import PointVerdict as PointVerdict
    from paperpass.practice.judges import semantic_available as semantic_available
    from paperpass.practice.judging import make_grader as make_grader
    from paperpass.practice.judging import make_judge as make_judge
    from paperpass.practice.mock import MAX_MINUTES as MAX_MOCK_MINUTES
    from paperpass.practice.mock import MIN_MINUTES as MIN_MOCK_MINUTES
    from paperpass.practice.mock import ROLE_NAMES as ROLE_NAMES
    from paperpass.practice.mock import ROLES as ROLES
    from paperpass.practice.mock import MockInterview as MockInterview
    from paperpass.practice.mock import MockItem as MockItem
    from paperpass.practice.mock import answer_question as answer_question
    from paperpass.practice.mock import get_mock as get_mock
    from paperpass.practice.mock import mark_answer as mark_answer
    from paperpass.practice.mock import report_json as report_json
    from paperpass.practice.mock import show_question as show_question
    from paperpass.practice.mock import start_mock as start_mock
    from paperpass.practice.questions import add_question as add_question
    from paperpass.practice.questions import bank_by_kind as bank_by_kind
    from paperpass.practice.questions import get_question as get_question
    from paperpass.practice.questions import list_questions as list_questions
    from paperpass.practice.questions import sync_bank as sync_bank
    from paperpass.practice.scheduling import parse_rating as parse_rating
    from paperpass.practice.scheduling import practice_queue as practice_queue
    from paperpass.practice.scheduling import proposed_rating as proposed_rating
    from paperpass.practice.scheduling import review as review
    from paperpass.practice.selfgrade import reveal as reveal

_EXPORTS: Exports = {
    "AnkiExport": ("paperpass.practice.anki", "AnkiExport"),
    "CoverageJudge": ("paperpass.practice.judges", "CoverageJudge"),
    "Grader": ("paperpass.practice.grades", "Grader"),
    "LexicalJudge": ("paperpass.practice.judges", "LexicalJudge"),
    "MAX_MOCK_MINUTES": ("paperpass.practice.mock", "MAX_MINUTES"),
    "MIN_MOCK_MINUTES": ("paperpass.practice.mock", "MIN_MINUTES"),
    "MockInterview": ("paperpass.practice.mock", "MockInterview"),
    "MockItem": ("paperpass.practice.mock", "MockItem"),
    "PointGrade": ("paperpass.practice.grades", "PointGrade"),
    "PointVerdict": ("paperpass.practice.judges", "PointVerdict"),
    "ROLES": ("paperpass.practice.mock", "ROLES"),
    "ROLE_NAMES": ("paperpass.practice.mock", "ROLE_NAMES"),
    "add_question": ("paperpass.practice.questions", "add_question"),
    "answer_exact": ("paperpass.practice.exact", "answer_exact"),
    "answer_question": ("paperpass.practice.mock", "answer_question"),
    "bank_by_kind": ("paperpass.practice.questions", "bank_by_kind"),
    "card_for_question": ("paperpass.practice.exact", "card_for_question"),
    "exact_card": ("paperpass.practice.exact", "exact_card"),
    "export_anki": ("paperpass.practice.anki", "export_anki"),
    "get_mock": ("paperpass.practice.mock", "get_mock"),
    "get_question": ("paperpass.practice.questions", "get_question"),
    "last_exact_result": ("paperpass.practice.exact", "last_exact_result"),
    "list_questions": ("paperpass.practice.questions", "list_questions"),
    "make_grader": ("paperpass.practice.judging", "make_grader"),
    "make_judge": ("paperpass.practice.judging", "make_judge"),
    "mark_answer": ("paperpass.practice.mock", "mark_answer"),
    "parse_rating": ("paperpass.practice.scheduling", "parse_rating"),
    "practice_queue": ("paperpass.practice.scheduling", "practice_queue"),
    "proposed_rating": ("paperpass.practice.scheduling", "proposed_rating"),
    "questions_json": ("paperpass.practice.exact", "questions_json"),
    "report_json": ("paperpass.practice.mock", "report_json"),
    "reveal": ("paperpass.practice.selfgrade", "reveal"),
    "review": ("paperpass.practice.scheduling", "review"),
    "semantic_available": ("paperpass.practice.judges", "semantic_available"),
    "show_question": ("paperpass.practice.mock", "show_question"),
    "start_mock": ("paperpass.practice.mock", "start_mock"),
    "sync_bank": ("paperpass.practice.questions", "sync_bank"),
}
"""What the package offers: name -> (module, name there)."""

__all__ = [
    "AnkiExport",
    "CoverageJudge",
    "Grader",
    "LexicalJudge",
    "MAX_MOCK_MINUTES",
    "MIN_MOCK_MINUTES",
    "MockInterview",
    "MockItem",
    "PointGrade",
    "PointVerdict",
    "ROLES",
    "ROLE_NAMES",
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
    "mark_answer",
    "parse_rating",
    "practice_queue",
    "proposed_rating",
    "questions_json",
    "report_json",
    "reveal",
    "review",
    "semantic_available",
    "show_question",
    "start_mock",
    "sync_bank",
]

if not TYPE_CHECKING:  # type checkers see the imports above; a name not offered is an error there
    __getattr__ = exports(globals(), _EXPORTS)
