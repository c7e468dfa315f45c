"""The bundled guide catalog: everything the guide holds, in its order, with its facts and numbers."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import ValidationError

from paperpass.catalog import (
    Catalog,
    Entry,
    catalog_as_json,
    entry_as_json,
    find_entry,
    load_catalog,
    top15_slugs,
)
from paperpass.errors import NotFoundError

ENTRY_SLUGS = [
    "attention-is-all-you-need",
    "bert",
    "gpt-3",
    "instructgpt",
    "constitutional-ai",
    "lora",
    "flash-attention",
    "switch-transformer",
    "mamba",
    "chain-of-thought",
    "react",
    "tree-of-thoughts",
    "dpo",
    "rag",
    "deepseek-r1",
    "scaling-monosemanticity",
    "llama-3",
    "llama-4",
    "kto",
    "orpo",
    "mamba-2",
    "instructgpt-alignment",
    "anthropic-safety",
]

CATEGORIES = [
    ("foundational", "Foundational"),
    ("efficiency-scaling", "Efficiency & Scaling"),
    ("agent-reasoning", "Agent & Reasoning"),
    ("rag-knowledge", "RAG & Knowledge"),
    ("recent-2024-2025", "Recent 2024-2025"),
    ("safety-alignment", "Safety & Alignment"),
]

CATEGORY_OF_NUMBER = {
    **dict.fromkeys(range(1, 6), "foundational"),
    **dict.fromkeys(range(6, 10), "efficiency-scaling"),
    **dict.fromkeys(range(10, 14), "agent-reasoning"),
    14: "rag-knowledge",
    **dict.fromkeys(range(15, 22), "recent-2024-2025"),
    22: "safety-alignment",
    23: "safety-alignment",
}

ARXIV_IDS = {
    "attention-is-all-you-need": "1706.03762",
    "bert": "1810.04805",
    "gpt-3": "2005.14165",
    "instructgpt": "2203.02155",
    "constitutional-ai": "2212.08073",
    "lora": "2106.09685",
    "flash-attention": "2205.14135",
    "switch-transformer": "2101.03961",
    "mamba": "2312.00752",
    "chain-of-thought": "2201.11903",
    "react": "2210.03629",
    "tree-of-thoughts": "2305.10601",
    "dpo": "2305.18290",
    "rag": "2005.11401",
    "deepseek-r1": "2501.12948",
    "llama-3": "2407.21783",
    "kto": "2402.01306",
    "orpo": "2403.07691",
    "mamba-2": "2405.21060",
    "instructgpt-alignment": "2203.02155",
}

SHORT_TITLES = [
    "Transformer",
    "BERT",
    "GPT-3",
    "InstructGPT",
    "Constitutional AI",
    "LoRA",
    "FlashAttention",
    "Switch Transformer",
    "Mamba",
    "Chain-of-Thought",
    "ReAct",
    "Tree of Thoughts",
    "DPO",
    "RAG",
    "DeepSeek-R1",
    "Scaling Monosemanticity",
    "Llama 3",
    "Llama 4",
    "KTO",
    "ORPO",
    "Mamba-2",
    "InstructGPT (alignment)",
    "Anthropic safety papers",
]

CHECKLIST = [
    ("Attention Is All You Need", "the foundation of everything", ["attention-is-all-you-need"]),
    ("GPT-3", "scaling, in-context learning", ["gpt-3"]),
    ("InstructGPT", "RLHF, alignment", ["instructgpt"]),
    ("LoRA", "efficient fine-tuning", ["lora"]),
    ("Flash Attention", "production optimization", ["flash-attention"]),
    ("Chain-of-Thought", "reasoning", ["chain-of-thought"]),
    ("ReAct", "agents", ["react"]),
    ("RAG", "knowledge augmentation", ["rag"]),
    ("DPO", "modern alignment", ["dpo"]),
    ("Constitutional AI", "safety", ["constitutional-ai"]),
    ("DeepSeek R1", "reasoning via RL", ["deepseek-r1"]),
    ("Scaling Monosemanticity", "interpretability at scale", ["scaling-monosemanticity"]),
    ("Llama 3/4", "open-weight frontier", ["llama-3", "llama-4"]),
    ("KTO/ORPO", "efficient alignment", ["kto", "orpo"]),
    ("Mamba-2", "alternatives to Transformers", ["mamba-2"]),
]

QUESTIONS = [
    ("specific", "Explain the attention mechanism in transformers", {"attention-is-all-you-need"}),
    ("specific", "How does RLHF work? What are its limitations?", {"instructgpt"}),
    ("specific", "What's the difference between DPO and RLHF?", {"dpo", "instructgpt"}),
    ("specific", "How does RAG help with hallucinations?", {"rag"}),
    ("comparative", "When would you use LoRA versus full fine-tuning?", {"lora"}),
    ("comparative", "Compare CoT, ToT, and ReAct", {"chain-of-thought", "tree-of-thoughts", "react"}),
    ("comparative", "MoE versus dense models — trade-offs?", {"switch-transformer", "llama-4"}),
    ("open", "What's the most important paper from last year?", set()),
    ("open", "What research directions excite you?", set()),
    ("open", "How would you improve paper X?", set()),
]

# Every number and named fact of the guide, as the catalog writes it, by the entry that must hold it
# (facts separated by ' | ').
FACTS_BY_ENTRY = {
    "attention-is-all-you-need": (
        "28.4 BLEU | WMT En-De | 3.5 days | 8 GPUs | sqrt(d_k) | sin/cos | O(n^2) | Multi-head attention | "
        "N blocks | feed-forward network"
    ),
    "bert": (
        "15% | 11 NLP tasks | Masked Language Modeling | Next Sentence Prediction (NSP) | RoBERTa | "
        "feature extraction"
    ),
    "gpt-3": "175B | 300B tokens | 45 TB | N^-0.076 | English-to-French | Emergence",
    "instructgpt": "1.3B | 175B | SFT | Reward Model | PPO | KL penalty | DPO | KTO | Reward hacking | toxic",
    "constitutional-ai": "RLAIF | constitution | bootstrap problem | annotators",
    "lora": (
        "175B | 700 GB | delta-W = BA | R^(d x r) | R^(r x d) | d x r + r x d | d x d | 4-64 | "
        "Q and V matter more than K | intrinsic dimension hypothesis | swapped quickly"
    ),
    "flash-attention": (
        "IO-aware | HBM | SRAM | Tiling | Online softmax | Recomputation | 2-4x | "
        "O(n) memory instead of O(n^2) | 16K | Flash Attention 2/3 | Short sequences"
    ),
    "switch-transformer": (
        "Mixture of Experts (MoE) | top-1 routing | load balancing loss | 1.6T | 100B | K experts | "
        "weighted sum | collapses onto one expert | Expert parallelism"
    ),
    "mamba": "O(n) | O(n^2) | 5x throughput | Selective SSM | hardware-aware | Jamba",
    "chain-of-thought": "GSM8K | 17.9% | 58% | PaLM 540B | Let's think step by step",
    "react": "HotpotQA | +6% | Thought | Action | Observation | search",
    "tree-of-thoughts": "Game of 24 | 4% | 74% | BFS or DFS | Creative writing",
    "dpo": (
        "beta | sigmoid | pi_ref | reference model | One stage instead of three | More stable than PPO | "
        "paired preferences"
    ),
    "rag": (
        "Dense Passage Retrieval (DPR) | BART | RAG-Sequence | RAG-Token | top K | parametric | "
        "non-parametric"
    ),
    "deepseek-r1": (
        "GRPO (Group Relative Policy Optimization) | R1-Zero | o1 | 1.5B to 671B MoE | R1-Distill | "
        "no critic model | rule-based rewards"
    ),
    "scaling-monosemanticity": (
        "Claude 3 Sonnet | millions of interpretable | sparse autoencoders (SAEs) | deception | sycophancy | "
        "code security | clamping"
    ),
    "llama-3": (
        "15T tokens | SFT + DPO + safety fine-tuning | Llama 3.1 405B | GPT-4 | 128K | Llama 3.2 | 1B | 3B | "
        "multilingual | aggressively filtered"
    ),
    "llama-4": (
        "iRoPE | 10M | Scout | 17B active / 109B total | 16 experts | Maverick | 17B active / 400B total | "
        "128 experts | GPT-4o | Gemini 2.0 Flash | Behemoth | 288B active / 2T total | early-fusion | "
        "no position encodings"
    ),
    "kto": "prospect theory | thumbs up/down | heterogeneous data sources | loss aversion | binary",
    "orpo": "odds ratio | SFT+DPO | fewer hyperparameters | one training stage",
    "mamba-2": (
        "2-8x | Mamba-1 | structured masked attention | Jamba | AI21 | 52B MoE | 256K | linear memory | "
        "Zamba | Zyphra | edge deployment | recall"
    ),
    "anthropic-safety": (
        "RSP (Responsible Scaling Policy) | ASL levels | crowdsourced attacks | backdoor | "
        "scalable oversight | Claude 3 Sonnet | Sleeper Agents | Red Teaming | RLHF, SFT | "
        "deceptive alignment | AGI"
    ),
}
ENTRY_FACTS = [(slug, fact) for slug, facts in FACTS_BY_ENTRY.items() for fact in facts.split(" | ")]

# Facts that live outside the entries.
CATALOG_FACTS = [
    "5-10 min",
    "30-60 min",
    "several hours",
    "closed in 2025",
    "Hugging Face Papers",
    "connected papers",
    "primary source",
    "Yannic Kilcher",
    "AI Coffee Break",
    "r/MachineLearning",
    "ML Twitter/X",
    "Senior and Staff+",
]


@pytest.fixture
def catalog() -> Catalog:
    """The bundled, validated catalog."""
    return load_catalog()


@pytest.fixture
def catalog_data(catalog: Catalog) -> dict[str, Any]:
    """A deep, mutable copy of the catalog as plain data, for building broken catalogs."""
    return copy.deepcopy(catalog.model_dump(mode="json"))


def _entry(catalog: Catalog, slug: str) -> Entry:
    return next(e for e in catalog.entries if e.slug == slug)


# ---------------------------------------------------------------- shape and order


def test_loads_and_validates(catalog: Catalog) -> None:
    assert catalog.title == "Papers Reading Guide"
    assert 2 <= len(catalog.introduction) <= 3
    assert all(p.strip() for p in catalog.introduction)
    for part in ("problem", "approach", "results", "limitations"):
        assert part in catalog.expectation


def test_load_is_cached(catalog: Catalog) -> None:
    assert load_catalog() is catalog


def test_round_trips_through_plain_data(catalog: Catalog, catalog_data: dict[str, Any]) -> None:
    assert Catalog.model_validate(catalog_data) == catalog


def test_categories_in_order(catalog: Catalog) -> None:
    assert [(c.slug, c.name) for c in catalog.categories] == CATEGORIES
    assert all(c.description.strip() for c in catalog.categories)


def test_entries_in_order_with_numbers(catalog: Catalog) -> None:
    assert [e.slug for e in catalog.entries] == ENTRY_SLUGS
    assert [e.number for e in catalog.entries] == list(range(1, 24))


def test_short_titles(catalog: Catalog) -> None:
    assert [e.short_title for e in catalog.entries] == SHORT_TITLES


def test_entry_categories(catalog: Catalog) -> None:
    assert {e.number: e.category for e in catalog.entries} == CATEGORY_OF_NUMBER


@pytest.mark.parametrize(("slug", "arxiv"), ARXIV_IDS.items())
def test_arxiv_ids(catalog: Catalog, slug: str, arxiv: str) -> None:
    entry = _entry(catalog, slug)
    assert entry.arxiv == arxiv
    assert entry.link == f"https://arxiv.org/abs/{arxiv}"


def test_all_nineteen_arxiv_ids_present(catalog: Catalog) -> None:
    assert len(set(ARXIV_IDS.values())) == 19
    assert {e.arxiv for e in catalog.entries if e.arxiv} == set(ARXIV_IDS.values())


@pytest.mark.parametrize(
    ("slug", "url"),
    [
        ("scaling-monosemanticity", "https://transformer-circuits.pub/2024/scaling-monosemanticity/"),
        ("llama-4", "https://ai.meta.com/blog/llama-4-multimodal-intelligence/"),
        ("anthropic-safety", "https://www.anthropic.com/research"),
    ],
)
def test_entries_without_arxiv_link_to_their_url(catalog: Catalog, slug: str, url: str) -> None:
    entry = _entry(catalog, slug)
    assert entry.arxiv is None
    assert entry.link == url


def test_years(catalog: Catalog) -> None:
    years = {e.slug: e.year for e in catalog.entries}
    assert years["attention-is-all-you-need"] == 2017
    assert years["bert"] == 2018
    assert years["gpt-3"] == 2020
    assert years["rag"] == 2020
    assert years["lora"] == 2021
    assert years["switch-transformer"] == 2022
    assert years["tree-of-thoughts"] == 2023
    assert years["deepseek-r1"] == 2025
    assert years["llama-4"] == 2025
    assert years["instructgpt-alignment"] == 2022
    assert years["anthropic-safety"] is None
    assert all(y is not None for s, y in years.items() if s != "anthropic-safety")


def test_authors_are_real_names(catalog: Catalog) -> None:
    people = [a for e in catalog.entries for a in e.authors]
    people += [a for e in catalog.entries for w in e.works for a in w.authors]
    assert all(a.strip() and "et al" not in a.lower() for a in people)
    assert all(e.authors for e in catalog.entries if e.slug != "anthropic-safety")
    assert _entry(catalog, "attention-is-all-you-need").authors[:2] == ["Ashish Vaswani", "Noam Shazeer"]


def test_organizations(catalog: Catalog) -> None:
    orgs = {e.slug: e.organization for e in catalog.entries if e.organization}
    assert orgs == {
        "deepseek-r1": "DeepSeek-AI",
        "scaling-monosemanticity": "Anthropic",
        "llama-3": "Meta",
        "llama-4": "Meta",
        "anthropic-safety": "Anthropic",
    }


# ---------------------------------------------------------------- content of the entries


@pytest.mark.parametrize("slug", ENTRY_SLUGS)
def test_every_entry_is_filled_in(catalog: Catalog, slug: str) -> None:
    entry = _entry(catalog, slug)
    assert entry.title.strip()
    assert entry.problem.strip()
    assert entry.key_idea.strip()
    assert entry.method and all(m.strip() for m in entry.method)
    assert entry.results and all(r.strip() for r in entry.results)
    if slug == "instructgpt-alignment":  # the guide says nothing more than "see section four"
        assert entry.discussion_points == []
    else:
        assert len(entry.discussion_points) >= 3
        assert all(d.strip() for d in entry.discussion_points)


def test_discussion_points_are_separate_items(catalog: Catalog) -> None:
    attention = _entry(catalog, "attention-is-all-you-need")
    assert len(attention.discussion_points) == 3
    assert attention.discussion_points[0].startswith("Why sin/cos for positions:")
    assert "extrapolate" in attention.discussion_points[0]
    assert "relative positions" in attention.discussion_points[0]
    assert "softmax" in attention.discussion_points[1]


def test_method_items_one_per_component(catalog: Catalog) -> None:
    assert len(_entry(catalog, "instructgpt").method) == 3  # SFT, reward model, PPO
    assert len(_entry(catalog, "tree-of-thoughts").method) == 3  # generate, evaluate, search
    assert len(_entry(catalog, "flash-attention").method) == 3  # tiling, online softmax, recomputation
    assert [m.split(":")[0] for m in _entry(catalog, "react").method[:3]] == [
        "Thought",
        "Action",
        "Observation",
    ]


def test_rag_key_insight(catalog: Catalog) -> None:
    insight = _entry(catalog, "rag").key_insight
    assert insight is not None
    assert "parametric" in insight and "non-parametric" in insight
    assert all(e.key_insight is None for e in catalog.entries if e.slug != "rag")


def test_constitution_example_is_the_quotation(catalog: Catalog) -> None:
    example = _entry(catalog, "constitutional-ai").example
    assert example == '"Choose the response that is least harmful or offensive."'


def test_entry_22_is_the_instructgpt_paper_again(catalog: Catalog) -> None:
    entry = _entry(catalog, "instructgpt-alignment")
    original = _entry(catalog, "instructgpt")
    assert entry.paper == "instructgpt"
    assert entry.see_also == [4]
    assert entry.arxiv == original.arxiv
    assert entry.title == original.title
    assert "instructgpt" in entry.related


def test_entry_23_groups_anthropic_papers(catalog: Catalog) -> None:
    entry = _entry(catalog, "anthropic-safety")
    assert entry.see_also == [16]
    assert "scaling-monosemanticity" in entry.related
    works = {w.slug: w for w in entry.works}
    assert list(works) == ["red-teaming", "sleeper-agents"]
    assert (works["red-teaming"].year, works["red-teaming"].arxiv) == (2022, "2209.07858")
    assert works["red-teaming"].authors[0] == "Deep Ganguli"
    assert (works["sleeper-agents"].year, works["sleeper-agents"].arxiv) == (2024, "2401.05566")
    assert works["sleeper-agents"].authors[0] == "Evan Hubinger"


def test_entry_21_names_jamba_and_zamba(catalog: Catalog) -> None:
    entry = _entry(catalog, "mamba-2")
    works = {w.slug: w for w in entry.works}
    assert list(works) == ["jamba", "zamba"]
    jamba, zamba = works["jamba"], works["zamba"]
    assert (jamba.year, jamba.arxiv, jamba.authors[0]) == (2024, "2403.19887", "Opher Lieber")
    assert (zamba.year, zamba.arxiv, zamba.authors[0]) == (2024, "2405.16712", "Paolo Glorioso")
    jamba_text = " ".join([jamba.summary, *jamba.facts])
    for fact in ("AI21", "52B MoE", "256K", "linear memory"):
        assert fact in jamba_text
    zamba_text = " ".join([zamba.summary, *zamba.facts])
    assert "Zyphra" in zamba_text and "edge deployment" in zamba_text


def test_no_other_entry_has_works_or_see_also(catalog: Catalog) -> None:
    with_works = {e.slug for e in catalog.entries if e.works}
    with_see_also = {e.slug for e in catalog.entries if e.see_also}
    assert with_works == {"mamba-2", "anthropic-safety"}
    assert with_see_also == {"instructgpt-alignment", "anthropic-safety"}


@pytest.mark.parametrize(
    ("slug", "related"),
    [
        ("dpo", {"kto", "orpo", "instructgpt"}),
        ("kto", {"dpo", "orpo", "instructgpt"}),
        ("orpo", {"dpo", "kto", "instructgpt"}),
        ("instructgpt", {"dpo", "kto"}),
        ("instructgpt-alignment", {"instructgpt"}),
        ("mamba-2", {"mamba"}),
        ("llama-3", {"llama-4"}),
        ("llama-4", {"llama-3"}),
        ("scaling-monosemanticity", {"anthropic-safety"}),
        ("anthropic-safety", {"scaling-monosemanticity"}),
        ("chain-of-thought", {"react", "tree-of-thoughts"}),
        ("react", {"chain-of-thought", "tree-of-thoughts"}),
        ("tree-of-thoughts", {"chain-of-thought", "react"}),
        ("switch-transformer", {"llama-4"}),
        ("flash-attention", {"attention-is-all-you-need"}),
        ("deepseek-r1", {"chain-of-thought"}),
    ],
)
def test_related_entries(catalog: Catalog, slug: str, related: set[str]) -> None:
    assert related <= set(_entry(catalog, slug).related)


def test_no_entry_is_related_to_itself(catalog: Catalog) -> None:
    for entry in catalog.entries:
        assert entry.slug not in entry.related
        assert len(set(entry.related)) == len(entry.related)


# ---------------------------------------------------------------- facts and numbers, exactly as the guide


@pytest.mark.parametrize(("slug", "fact"), ENTRY_FACTS)
def test_entry_holds_fact(catalog: Catalog, slug: str, fact: str) -> None:
    text = json.dumps(entry_as_json(catalog, _entry(catalog, slug)), ensure_ascii=False)
    assert fact in text


@pytest.mark.parametrize("fact", CATALOG_FACTS + sorted({fact for _, fact in ENTRY_FACTS}))
def test_catalog_json_holds_fact(catalog: Catalog, fact: str) -> None:
    assert fact in json.dumps(catalog_as_json(catalog), ensure_ascii=False)


def test_catalog_json_is_plain_data(catalog: Catalog) -> None:
    data = catalog_as_json(catalog)
    assert json.loads(json.dumps(data)) == data
    first = data["entries"][0]
    assert first["category_name"] == "Foundational"
    assert first["link"] == "https://arxiv.org/abs/1706.03762"
    assert first["top15"] is True


# ---------------------------------------------------------------- checklist and questions


def test_checklist(catalog: Catalog) -> None:
    assert [(c.label, c.why, c.entries) for c in catalog.checklist] == CHECKLIST
    assert [c.number for c in catalog.checklist] == list(range(1, 16))


def test_top15_flags(catalog: Catalog) -> None:
    top = top15_slugs(catalog)
    assert len(top) == 17  # Llama 3/4 and KTO/ORPO link two entries each
    assert {"llama-3", "llama-4", "kto", "orpo"} <= top
    assert entry_as_json(catalog, _entry(catalog, "bert"))["top15"] is False
    assert entry_as_json(catalog, _entry(catalog, "orpo"))["top15"] is True


def test_questions(catalog: Catalog) -> None:
    got = [(q.kind, q.text, set(q.entries)) for q in catalog.questions]
    assert got == QUESTIONS
    kinds = [q.kind for q in catalog.questions]
    assert (kinds.count("specific"), kinds.count("comparative"), kinds.count("open")) == (4, 3, 3)


# ---------------------------------------------------------------- method, note template, resources


def test_three_passes(catalog: Catalog) -> None:
    survey, comprehension, deep = catalog.passes
    assert (survey.name, survey.budget, survey.budget_minutes) == ("Survey", "5-10 min", (5, 10))
    assert (comprehension.name, comprehension.budget_minutes) == ("Comprehension", (30, 60))
    assert (deep.name, deep.budget, deep.budget_minutes) == ("Deep Dive", "several hours", (120, 480))
    assert [p.only_important for p in catalog.passes] == [False, False, True]
    assert survey.reads == [
        "title",
        "abstract",
        "introduction (last paragraph)",
        "section headings",
        "conclusion",
        "figures and tables (without details)",
    ]
    assert "colleague" in comprehension.exit_criterion
    assert "implement" in deep.exit_criterion and "improve" in deep.exit_criterion
    assert all(p.how.strip() and p.reads for p in catalog.passes)


def test_note_template(catalog: Catalog) -> None:
    assert [f.key for f in catalog.note_template] == [
        "metadata",
        "problem",
        "key_idea",
        "method",
        "results",
        "limitations",
        "questions",
    ]
    holds = {f.key: f.holds for f in catalog.note_template}
    assert "One sentence" in holds["problem"]
    assert "Two or three sentences" in holds["key_idea"]
    assert "formulas" in holds["method"]
    assert "baseline" in holds["results"]
    assert "assumptions" in holds["limitations"]
    assert "unclear" in holds["questions"]
    assert all(word in holds["metadata"].lower() for word in ("authors", "year", "link"))


def test_resources(catalog: Catalog) -> None:
    by_name = {r.name: r for r in catalog.resources}
    assert [r.name for r in catalog.resources if r.kind == "read"] == [
        "arXiv",
        "Papers With Code",
        "Semantic Scholar",
    ]
    assert [r.name for r in catalog.resources if r.kind == "discuss"] == [
        "ML Twitter/X",
        "r/MachineLearning",
        "Yannic Kilcher",
        "AI Coffee Break",
    ]
    pwc = by_name["Papers With Code"]
    assert (pwc.status, pwc.successor, pwc.successor_url) == (
        "closed in 2025",
        "Hugging Face Papers",
        "https://huggingface.co/papers",
    )
    assert by_name["arXiv"].url == "https://arxiv.org"
    assert by_name["Yannic Kilcher"].url == "https://www.youtube.com/@YannicKilcher"
    assert by_name["AI Coffee Break"].url == "https://www.youtube.com/@AICoffeeBreak"
    assert all(r.url.startswith("https://") for r in catalog.resources)


def test_reading_group(catalog: Catalog) -> None:
    group = catalog.reading_group
    assert group.papers_per_week == 1
    assert group.discussion_minutes == (30, 60)
    assert group.advice.strip()


# ---------------------------------------------------------------- broken catalogs are rejected


def _break_unknown_related(data: dict[str, Any]) -> None:
    data["entries"][0]["related"].append("no-such-paper")


def _break_duplicate_slug(data: dict[str, Any]) -> None:
    data["entries"][1]["slug"] = data["entries"][0]["slug"]


def _break_unknown_category(data: dict[str, Any]) -> None:
    data["entries"][0]["category"] = "poetry"


def _break_duplicate_category(data: dict[str, Any]) -> None:
    data["categories"][1]["slug"] = data["categories"][0]["slug"]


def _break_numbering(data: dict[str, Any]) -> None:
    data["entries"][0], data["entries"][1] = data["entries"][1], data["entries"][0]


def _break_unknown_see_also(data: dict[str, Any]) -> None:
    data["entries"][21]["see_also"] = [99]


def _break_unknown_paper(data: dict[str, Any]) -> None:
    data["entries"][21]["paper"] = "no-such-paper"


def _break_no_link(data: dict[str, Any]) -> None:
    data["entries"][15]["url"] = None


def _break_bad_arxiv(data: dict[str, Any]) -> None:
    data["entries"][0]["arxiv"] = "1706.03762v7"


def _break_bad_slug(data: dict[str, Any]) -> None:
    data["entries"][0]["slug"] = "Attention Is All"


def _break_unknown_field(data: dict[str, Any]) -> None:
    data["entries"][0]["summary"] = "fields the schema does not know are typos"


def _break_checklist_entry(data: dict[str, Any]) -> None:
    data["checklist"][12]["entries"] = ["llama-3", "llama-5"]


def _break_empty_checklist_item(data: dict[str, Any]) -> None:
    data["checklist"][0]["entries"] = []


def _break_question_entry(data: dict[str, Any]) -> None:
    data["questions"][0]["entries"] = ["transformers"]


def _break_question_kind(data: dict[str, Any]) -> None:
    data["questions"][0]["kind"] = "trick"


def _break_two_passes(data: dict[str, Any]) -> None:
    data["passes"].pop()


@pytest.mark.parametrize(
    "breaks",
    [
        _break_unknown_related,
        _break_duplicate_slug,
        _break_unknown_category,
        _break_duplicate_category,
        _break_numbering,
        _break_unknown_see_also,
        _break_unknown_paper,
        _break_no_link,
        _break_bad_arxiv,
        _break_bad_slug,
        _break_unknown_field,
        _break_checklist_entry,
        _break_empty_checklist_item,
        _break_question_entry,
        _break_question_kind,
        _break_two_passes,
    ],
)
def test_broken_catalog_is_rejected(catalog_data: dict[str, Any], breaks: Any) -> None:
    breaks(catalog_data)
    with pytest.raises(ValidationError):
        Catalog.model_validate(catalog_data)


# ---------------------------------------------------------------- finding entries


@pytest.mark.parametrize(
    ("key", "slug"),
    [
        ("lora", "lora"),
        ("LoRA", "lora"),
        ("6", "lora"),
        ("2106.09685", "lora"),
        ("  Transformer ", "attention-is-all-you-need"),
        ("1706.03762", "attention-is-all-you-need"),
        ("llama 3", "llama-3"),
        ("Llama 4", "llama-4"),
        ("Chain-of-Thought", "chain-of-thought"),
        ("23", "anthropic-safety"),
        ("2203.02155", "instructgpt"),  # entry 22 repeats the paper; the first entry wins
    ],
)
def test_find_entry(catalog: Catalog, key: str, slug: str) -> None:
    assert find_entry(catalog, key).slug == slug


def test_find_entry_suggests_on_typo(catalog: Catalog) -> None:
    with pytest.raises(NotFoundError) as raised:
        find_entry(catalog, "lorra")
    assert "lora" in raised.value.suggestions
    assert "did you mean" in str(raised.value)


def test_find_entry_unknown_without_suggestions(catalog: Catalog) -> None:
    with pytest.raises(NotFoundError):
        find_entry(catalog, "24")


# ---------------------------------------------------------------- sentences are ours, not the guide's

SHINGLE = 8  # a run of this many words copied from the guide counts as a copied sentence


def _words(text: str) -> list[str]:
    """Lower-case words; a quotation ("Let's think step by step") becomes one marker no guide run has."""
    return re.findall(r"[a-z0-9]+", re.sub(r'"[^"]*"', " QUOTATION_ ", text).lower())


def _shingles(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def _prose(entry: Entry) -> Iterator[tuple[str, str]]:
    """Every sentence of an entry written for the catalog (the quoted example is a quotation)."""
    yield "problem", entry.problem
    yield "key_idea", entry.key_idea
    for field, items in (("method", entry.method), ("results", entry.results)):
        for item in items:
            yield field, item
    for point in entry.discussion_points:
        yield "discussion_points", point
    if entry.key_insight:
        yield "key_insight", entry.key_insight
    for work in entry.works:
        yield f"works.{work.slug}", " ".join([work.summary, *work.facts])


@pytest.fixture
def guide_shingles(guide_text: str) -> set[tuple[str, ...]]:
    return _shingles(_words(guide_text))


@pytest.mark.parametrize("slug", ENTRY_SLUGS)
def test_entry_sentences_are_our_own_words(
    catalog: Catalog, guide_shingles: set[tuple[str, ...]], slug: str
) -> None:
    copied = [
        (field, " ".join(run))
        for field, text in _prose(_entry(catalog, slug))
        for run in sorted(_shingles(_words(text)) & guide_shingles)
    ]
    assert copied == []


def test_other_sentences_are_our_own_words(catalog: Catalog, guide_shingles: set[tuple[str, ...]]) -> None:
    texts = [
        *catalog.introduction,
        catalog.expectation,
        *(c.description for c in catalog.categories),
        *(p.how for p in catalog.passes),
        *(p.exit_criterion for p in catalog.passes),
        *(f.holds for f in catalog.note_template),
        catalog.reading_group.advice,
    ]
    copied = [" ".join(run) for text in texts for run in sorted(_shingles(_words(text)) & guide_shingles)]
    assert copied == []


def test_quotations_are_verbatim_from_the_guide(catalog: Catalog, guide_text: str) -> None:
    guide = guide_text
    for question in catalog.questions:
        assert f'"{question.text}"' in guide
    example = _entry(catalog, "constitutional-ai").example
    assert example is not None and example in guide
