"""Which coverage judge marks answers: the ``judge`` setting's choice between the lexical judge and the
semantic one (``paperpass[semantic]``).

It sits above both judges' modules: the semantic judge builds on the lexical judge's pieces, and this
choice needs both.
"""

from __future__ import annotations

from paperpass.config import Settings
from paperpass.errors import ConfigError
from paperpass.practice import judges
from paperpass.practice.judges import CoverageJudge, LexicalJudge
from paperpass.practice.semantic import SemanticJudge


def make_judge(settings: Settings) -> CoverageJudge:
    """The judge the ``judge`` setting asks for; ``auto`` is semantic when installed, else lexical.

    Raises:
        ConfigError: ``judge = "semantic"`` without the ``paperpass[semantic]`` extra.
    """
    wanted = settings.judge
    if wanted == "lexical" or (wanted == "auto" and not judges.semantic_available()):
        return LexicalJudge()
    if not judges.semantic_available():
        raise ConfigError(
            "judge = semantic needs the optional packages: pip install 'paperpass[semantic]' "
            "(after pip install torch==2.13.0 for the CPU build)"
        )
    return SemanticJudge.shared()
