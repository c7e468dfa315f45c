"""Interview practice: the question bank, FSRS spaced repetition, coverage judges, mock interviews,
the readiness report and the Anki export.

Modules: ``bank`` (questions from the guide), ``questions`` (the bank in the library, note cards, user
questions), ``scheduling`` (FSRS reviews), ``judges`` and ``semantic`` (coverage of reference points),
``mock`` (timed mock interviews), ``readiness`` (how ready the user is), ``anki`` (``.apkg`` export).
"""
