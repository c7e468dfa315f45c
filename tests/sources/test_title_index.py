"""Duplicate detection at import scale: the title index finds what comparing with every paper finds."""

from __future__ import annotations

import difflib
import random
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from paperpass.models import Paper
from paperpass.papers.matching import TITLE_SIMILARITY, TitleIndex, could_be_similar, same_work

WORDS = [
    "sparse",
    "mixture",
    "experts",
    "routing",
    "attention",
    "scaling",
    "laws",
    "tokens",
    "language",
    "models",
    "learning",
]


def _bigrams(text: str) -> Counter[str]:
    return Counter(text[n : n + 2] for n in range(len(text) - 1))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="abcde ", min_size=1, max_size=60), st.data())
def test_the_bigram_bound_never_rules_out_a_similar_title(a: str, data: st.DataObject) -> None:
    edits = data.draw(st.lists(st.tuples(st.integers(0, 60), st.sampled_from("abcde ")), max_size=4))
    b = list(a)
    for position, char in edits:  # a few substitutions and insertions: often still similar
        if position < len(b) and position % 2:
            b[position] = char
        else:
            b.insert(min(position, len(b)), char)
    other = "".join(b)
    if difflib.SequenceMatcher(None, a, other).ratio() >= TITLE_SIMILARITY:
        assert could_be_similar(a, other, _bigrams(a), _bigrams(other))


def test_the_index_finds_what_a_full_scan_finds() -> None:
    rng = random.Random(3)
    library = [
        Paper(slug=f"p{n}", id=n + 1, title=" ".join(rng.choices(WORDS, k=rng.randint(3, 8))),
              authors=[rng.choice(["Ada Li", "Bo Wang", "Cy Chen"])] if n % 7 else [],
              year=rng.choice([None, 2019, 2020, 2021, 2022]))
        for n in range(150)
    ]  # fmt: skip
    index = TitleIndex(
        lambda years: [p for p in library if years is None or p.year in years or p.year is None]
    )
    for n in range(150):
        base = rng.choice(library)
        title = base.title if n % 3 else base.title + rng.choice(["", "s", " x"])
        incoming = Paper(slug="", title=title, authors=list(base.authors) if n % 5 else ["Ada Li"],
                         year=rng.choice([base.year, 2020, None]))  # fmt: skip
        scan = [p for p in library if same_work(p, incoming)]
        found = index.find(incoming)
        assert (found is None) == (not scan) and (found is None or found in scan)
