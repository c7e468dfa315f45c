"""The words the hint judge reads claims with, grouped by linguistic kind.

Every list here is general English or the vocabulary of ML papers, never the wording of a particular
reference point: negators and their exceptions, words that set two sides of a relation ("A over B",
"from A to B"), synonyms that say the same thing, opposites that flip a claim, and groups of names or
terms of which a claim picks one (Scout or Maverick, encoder or decoder, days or weeks). Words are written
as they appear; :mod:`paperpass.practice.claims` stems them when it loads them.
"""

from __future__ import annotations

# Words that negate the claim of the clause they stand in.
NEGATORS = frozenset((
    "not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "cannot", "without", "nowhere",
    "hardly", "barely", "scarcely",
    "unable", "lacks", "lack", "lacked", "lacking", "fails", "fail", "failed", "failing",
))  # fmt: skip
# Contractions ending in n't are negators too; these phrases look like negation but restrict or add instead.
NOT_NEGATION = (
    ("not", "only"), ("not", "just"), ("not", "merely"), ("not", "necessarily", "only"), ("nothing", "more"),
    ("no", "more", "than"), ("if", "not"), ("or", "not"), ("not", "least"), ("no", "doubt"),
    ("never", "mind"), ("nothing", "but"), ("not", "sure", "but"),
)  # fmt: skip
# "without" and "no" negate the noun phrase after them; they count only when that phrase is part of the claim.
PHRASE_NEGATORS = frozenset((
    "without", "no", "none", "lacks", "lack", "lacked", "lacking", "instead", "rather", "free", "devoid",
))  # fmt: skip
# Verbs that say something is taken away: "drops the critic" = "has no critic".
REMOVALS = frozenset((
    "remove", "removes", "removed", "removing", "drop", "drops", "dropped", "dropping", "eliminate",
    "eliminates", "eliminated", "eliminating", "discard", "discards", "discarded", "skip", "skips", "skipped",
    "skipping", "omit", "omits", "omitted", "ditch", "ditches", "ditched", "strip", "strips", "stripped",
    "delete", "deletes", "deleted", "erase", "erases", "erased", "abandon", "abandons", "abandoned",
))  # fmt: skip
# Verbs that work as a negation of what follows them: "penalises drifting away" = "keeps it close".
PREVENTIVES = frozenset((
    "prevent", "prevents", "prevented", "preventing", "avoid", "avoids", "avoided", "avoiding", "stop",
    "stops", "stopped", "penalize", "penalise", "penalizes", "penalises", "penalized", "penalised",
    "discourage", "discourages", "blocks", "resist", "resists", "limit", "limits", "limited", "limiting",
    "curbs", "caps", "restrict", "restricts", "constrain", "constrains", "forbid", "forbids", "mitigate",
    "mitigates", "suppress", "suppresses",
))  # fmt: skip
# Words after which a preventive word is a noun ("split into blocks", "the limits of").
NOUN_CONTEXT = frozenset((
    "the", "a", "an", "into", "in", "of", "by", "per", "with", "these", "those", "its", "their", "our", "no",
    "any", "some", "two", "three", "many", "few", "context", "rate", "hard", "upper", "lower", "memory",
))  # fmt: skip
# After "fail(s) to" the verb is negated: "fails to remove" = "does not remove".
FAIL_VERBS = frozenset(("fails", "fail", "failed", "failing"))

# Words that split a sentence into clauses, each judged for its own polarity.
CLAUSE_BREAKS = frozenset((
    "but", "while", "whereas", "although", "though", "however", "yet", "whilst", "because", "unlike",
    "meanwhile", "otherwise",
))  # fmt: skip
# Words that break a clause only after a comma (", so", ", which").
COMMA_BREAKS = frozenset(
    ("so", "which", "since", "as", "and", "then", "thus", "hence", "who", "where", "not")
)

# Two sides of a relation: what comes before the marker and what comes after it must stay on their side.
ORDER_MARKERS = (
    ("instead", "of"), ("rather", "than"), ("in", "place", "of"), ("as", "opposed", "to"), ("than",),
    ("over",), ("versus",), ("vs",), ("beats",), ("beat",), ("outperforms",), ("outperform",),
    ("outperformed",), ("surpasses",), ("exceeds",),
)  # fmt: skip
# "from A to B": the first side follows "from", the second "to".
FROM_TO = ("from", "to")

STOP_WORDS = frozenset((
    "a", "an", "the", "of", "in", "on", "for", "by", "with", "as", "at", "and", "or", "is", "are", "was",
    "were", "be", "been", "being", "it", "its", "it's", "this", "that", "these", "those", "their", "there",
    "they", "them", "which", "who", "whom", "what", "when", "where", "how", "why", "then", "so", "such",
    "each", "can", "could", "may", "might", "must", "should", "would", "will", "shall", "do", "does", "did",
    "done", "has", "have", "had", "having", "into", "onto", "about", "also", "just", "very", "really",
    "quite", "rather", "any", "both", "either", "because", "since", "per", "via", "like", "we", "you",
    "your", "our", "us", "i", "me", "my", "he", "she", "his", "her", "one's", "itself", "themselves",
    "roughly", "approximately", "around", "basically", "essentially", "actually", "simply", "usually",
    "typically", "generally", "mostly", "largely", "practice", "still", "even", "already",
    "well", "much", "way", "thing", "things", "kind", "sort", "lot", "lots", "bit", "say", "said",
    "think", "believe", "guess", "mean", "know", "if", "sure", "honestly",
    "though", "thanks", "through", "up", "out", "off", "here", "now", "get", "gets", "got", "getting",
    "let", "lets", "make", "makes", "made", "making", "e.g.", "i.e.", "etc.", "eg", "ie", "etc", "some",
    "other", "another", "own", "whole", "entire", "overall", "main", "key", "important", "also",
    "to", "from", "than", "over", "between", "vs", "versus", "instead", "until", "till", "whether",
    "within", "across", "along", "under", "above", "below", "during", "against", "toward", "towards", "among",
    "upon", "beyond", "despite", "throughout", "versus", "but", "while", "whereas",
    "although", "however", "yet", "whilst", "meanwhile", "otherwise", "unlike", "too", "i'd", "i'm", "i've",
    "i'll", "that's", "there's", "we're", "you're", "they're", "let's", "what's", "here's", "he's", "she's",
    "we've", "you'd", "we'd", "they'd", "you'll", "we'll", "okay", "ok", "yes", "yeah", "so,",
))  # fmt: skip

# Words of little weight when present (they rarely carry the claim on their own).
LIGHT_WORDS = frozenset((
    "model", "use", "work", "take", "give", "need", "method", "approach", "result", "show", "new", "time",
    "allow", "help", "idea", "paper", "set", "number", "way", "case", "part", "point", "form", "level",
    "size", "step", "stage", "go", "come", "become", "keep", "put", "run", "only", "all", "every",
))  # fmt: skip

# Names of models, methods, data sets and components a candidate may write in lower case.
NAMES = frozenset((
    "scout", "maverick", "behemoth", "jamba", "zamba", "mamba", "llama", "gpt", "bert", "roberta", "albert",
    "xlnet", "t5", "elmo", "bart", "palm", "lamda", "chinchilla", "gopher", "claude", "gemini", "sonnet",
    "opus", "haiku", "dpo", "kto", "orpo", "ppo", "grpo", "rlhf", "rlaif", "sft", "ipo", "simpo", "cot",
    "tot", "react", "rag", "lora", "qlora", "moe", "ssm", "sae", "llm", "nsp", "mlm", "hbm", "sram", "dram",
    "bfs", "dfs", "mcts", "gsm8k", "hotpotqa", "fever", "mmlu", "humaneval", "alfworld", "webshop", "squad",
    "glue", "bleu", "rouge", "wmt", "instructgpt", "flashattention", "deepseek", "o1", "r1", "irope", "rope",
    "dpr", "icl", "sota", "rlaif", "gpu", "tpu", "cpu", "fp16", "bf16", "fp8", "int8", "int4", "asl", "rsp",
    "anthropic", "openai", "meta", "zyphra", "ai21", "transformer", "switch", "q", "k", "v", "en-de", "en-fr",
    "critic", "encoder", "decoder", "top-1", "top-2", "top-k", "mamba-2", "gpt-3", "gpt-4", "gpt-4o",
    "r1-zero", "rag-sequence", "rag-token", "llama-3", "llama-4", "llama-3.1", "llama-3.2",
))  # fmt: skip

# Words (or phrases, space separated) that say the same thing; each group is read as its first member.
SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("large", "big", "huge", "massive", "enormous", "giant", "vast", "bigger", "larger", "largest"),
    ("small", "tiny", "little", "smaller", "smallest", "lightweight", "compact"),
    ("expensive", "costly", "pricey", "pricy", "a lot of money", "lots of money", "much money"),
    ("cheap", "inexpensive", "cheaper", "cheaply", "affordable", "low cost", "low-cost"),
    ("fast", "quick", "quicker", "faster", "fastest", "speedup", "speed-up", "speedier", "rapid", "quickly",
     "speed up", "speeds up", "sped up", "accelerate", "accelerates"),
    ("slow", "slower", "slowdown", "slowly", "slowest", "slow down", "slows down", "slowed down",
     "decelerate"),
    ("need", "require", "requires", "required", "requirement", "needs", "necessary", "have to", "has to"),
    ("remove", "drop", "eliminate", "discard", "strip", "get rid of", "gets rid of", "got rid of",
     "getting rid of", "do away with", "does away with", "did away with", "doing away with", "throw out",
     "throws out", "threw out", "skip", "omit", "delete", "erase", "ditch", "abandon"),
    ("keep", "retain", "preserve", "maintain", "persist", "survive", "remain", "stay"),
    ("collect", "gather", "obtain", "acquire", "annotate", "label"),
    ("model", "network", "net", "llm"),
    ("parameter", "param", "weight"),
    ("response", "answer", "output", "completion", "generation"),
    ("human", "people", "person", "annotator", "labeler", "labeller", "rater", "crowdworker", "humans"),
    ("document", "passage", "doc", "docs"),
    ("retrieve", "fetch", "look up", "retrieval", "retriever"),
    ("memory", "ram", "vram", "footprint"),
    ("increase", "grow", "rise", "raise", "go up", "goes up", "went up", "higher", "more", "boost",
     "blow up", "blows up", "explode", "explodes", "climb", "larger than", "widen", "expand"),
    ("decrease", "reduce", "fall", "falls", "shrink", "lower", "fewer", "less", "decline", "cut", "go down",
     "goes down", "went down", "narrow", "lessen", "diminish"),
    ("stable", "stability", "stably", "steady"),
    ("unstable", "instability", "unstably"),
    ("simple", "simpler", "simplest", "simplicity", "easy", "easier", "straightforward", "simplify",
     "simplifies"),
    ("complex", "complicated", "complexity", "convoluted", "cumbersome", "heavy", "involved"),
    ("correct", "accurate", "right answer", "true"),
    ("wrong", "incorrect", "inaccurate", "false", "mistaken", "erroneous", "mistake", "mistakes", "error",
     "errors"),
    ("hallucinate", "hallucination", "hallucinations", "make up", "makes up", "made up", "made-up",
     "fabricate", "fabricates", "confabulate", "invent facts"),
    ("example", "demonstration", "exemplar", "shot", "examples", "demos", "demo"),
    ("sequence", "context", "input length"),
    ("long", "length", "longer", "lengthy"),
    ("short", "shorter"),
    ("token", "word"),
    ("quality", "performance"),
    ("match", "matches", "competitive", "comparable", "on par", "par", "rival", "rivals", "as good as",
     "holds its own", "hold its own", "equal", "roughly equal", "same quality", "keeps up", "keep up"),
    ("lag", "lags", "trail", "trails", "behind", "falls short", "fall short", "short of", "well short"),
    ("better", "superior", "outperform", "outperforms", "beat", "beats", "improve", "improves",
     "improvement", "improved"),
    ("worse", "inferior", "degrade", "degrades", "hurt", "hurts", "harm", "harms", "worsen"),
    ("show", "demonstrate", "demonstrated", "find", "found", "prove", "proved", "establish", "reveal"),
    ("limit", "cap", "caps", "restrict", "bound", "constrain", "constrains", "bottleneck", "prevent",
     "stop", "curb"),
    ("enough", "sufficient", "suffice", "suffices", "adequate"),
    ("recall", "remember", "recollect"),
    ("often", "frequently", "regularly", "constantly"),
    ("rarely", "seldom", "infrequently"),
    ("extract", "pull out", "pulled out", "pull", "recover"),
    ("interpretable", "meaningful", "understandable", "human-interpretable"),
    ("uninterpretable", "meaningless"),
    ("act", "action", "tool call", "tool calls", "acting"),
    ("observe", "observation", "observations", "observed"),
    ("change", "adjust", "modify", "revise", "update", "adapt", "alter", "refresh", "tweak"),
    ("fixed", "static", "constant size", "fixed-size", "fixed size"),
    ("variable", "dynamic", "growing"),
    ("approximate", "approximation", "approximates", "approximated", "estimate", "proxy", "surrogate"),
    ("exact", "exactly", "identical result", "same result", "precise"),
    ("joint", "jointly", "together", "end-to-end", "end to end"),
    ("separate", "separately", "independently", "independent", "apart", "distinct stage"),
    ("same", "identical", "single set"),
    ("different", "distinct", "another", "differ", "various"),
    ("several", "multiple", "many", "various", "numerous"),
    ("frozen", "freeze", "freezes", "untouched", "left alone", "leave alone", "fixed weights"),
    ("trainable", "learned", "learnable", "learnt"),
    ("train", "training", "trained", "fit", "learn", "learns", "learning"),
    ("possible", "feasible", "practical", "doable"),
    ("impossible", "infeasible", "impractical"),
    ("predict", "prediction", "guess", "recover"),
    ("prefer", "preference", "preferred", "favour", "favor", "like better", "liked better"),
    ("stage", "phase", "step", "round"),
    ("recompute", "recomputation", "recomputes", "recomputed", "recomputing", "computed again",
     "compute again", "on the fly"),
    ("store", "save", "cache", "materialise", "materialize", "materialized", "materialised",
     "keep in memory"),
    ("bidirectional", "both directions", "both sides", "left and right", "before and after"),
    ("unidirectional", "one direction", "left to right", "left-to-right", "causal", "autoregressive"),
    ("sparse", "sparsely", "sparsity"),
    ("dense", "densely"),
    ("parallel", "parallelize", "parallelise", "parallelism", "parallelized", "parallelised", "in parallel"),
    ("sequential", "sequentially", "one at a time", "one by one", "step by step", "token by token",
     "one after another", "serial"),
    ("emerge", "emergent", "emergence", "emerges", "appear", "show up"),
    ("decompose", "break down", "breaks down", "split", "splits", "break into", "breaks into"),
    ("backtrack", "go back", "back up", "undo", "revisit"),
    ("close", "near", "anchored", "tethered"),
    ("far", "away", "drift", "drifts", "diverge", "diverges", "wander"),
    ("concrete", "specific"),
    ("abstract",),
    ("high", "higher", "highly"),
    ("low", "lower"),
    ("help", "helps", "useful", "benefit", "benefits", "gain", "gains", "advantage", "win"),
    ("useless", "unhelpful", "pointless"),
    ("early", "earlier", "from the start", "from the beginning", "first layer", "first layers"),
    ("late", "later"),
    ("understand", "understood", "explain", "explained", "known"),
    ("unclear", "open question", "open problem", "mystery", "unexplained", "not well understood", "unknown",
     "poorly understood", "debated", "no consensus"),
    ("multiply", "multiplied", "times", "multiplication"),
    ("divide", "divided", "division"),
    ("compound", "accumulate", "pile up", "piles up", "snowball", "add up", "build up"),
    ("cancel", "cancel out", "average out"),
    ("supervision", "oversight", "supervise", "oversee", "evaluate", "check"),
    ("capable", "capability", "capabilities", "smarter", "powerful", "advanced"),
    ("safe", "safety", "harmless", "harmlessness"),
    ("harmful", "toxic", "offensive", "unsafe", "harm", "toxicity"),
    ("principle", "rule", "guideline"),
    ("critique", "criticize", "criticise", "feedback"),
    ("reason", "reasoning", "think", "thinking", "thought"),
    ("compute", "computation", "flops", "arithmetic", "calculation"),
    ("transfer", "traffic", "movement", "round trip", "round trips", "io", "memory access", "data movement"),
)  # fmt: skip

# Pairs of synonym groups (named by their first member) that are opposites: one instead of the other flips
# the claim; an opposite under a negation ("not cheap" for "expensive") keeps it.
OPPOSITES: tuple[tuple[str, str], ...] = (
    ("expensive", "cheap"), ("fast", "slow"), ("increase", "decrease"), ("large", "small"),
    ("long", "short"), ("stable", "unstable"), ("simple", "complex"), ("correct", "wrong"),
    ("match", "lag"), ("better", "worse"), ("interpretable", "uninterpretable"), ("fixed", "variable"),
    ("approximate", "exact"), ("joint", "separate"), ("same", "different"), ("frozen", "trainable"),
    ("possible", "impossible"), ("bidirectional", "unidirectional"), ("sparse", "dense"),
    ("parallel", "sequential"), ("close", "far"), ("concrete", "abstract"), ("high", "low"),
    ("help", "useless"), ("early", "late"), ("compound", "cancel"), ("safe", "harmful"),
    ("match", "worse"), ("least", "most"), ("never", "always"), ("include", "exclude"), ("keep", "remove"),
    ("before", "after"), ("minimize", "maximize"), ("minimise", "maximise"), ("strong", "weak"),
    ("stronger", "weaker"), ("strength", "weakness"), ("good", "bad"), ("online", "offline"),
    ("local", "global"), ("understand", "unclear"), ("often", "rarely"), ("open", "closed"),
    ("public", "private"), ("explicit", "implicit"), ("direct", "indirect"), ("deterministic", "stochastic"),
    ("discrete", "continuous"), ("finite", "infinite"), ("overfit", "underfit"),
    ("overestimate", "underestimate"), ("upweight", "downweight"), ("maximum", "minimum"), ("wide", "narrow"),
    ("deep", "shallow"), ("chosen", "rejected"), ("aligned", "misaligned"), ("honest", "deceptive"),
    ("accept", "reject"), ("centralized", "decentralized"), ("symmetric", "asymmetric"),
    ("supervised", "unsupervised"), ("labeled", "unlabeled"), ("paired", "unpaired"),
    ("positive", "negative"), ("upper", "lower"), ("save", "cost"), ("saves", "costs"), ("gain", "loss"),
    ("single", "several"), ("single", "many"),
)  # fmt: skip

# Groups of alternatives: a claim names one of them, and another one in its place is a different claim.
# ENTITIES are what a claim is about (models, methods, data sets, components); what the point says of one
# must not be said of another. TERMS are alternatives a claim picks (units, languages, stages, directions).
ENTITIES: tuple[tuple[str, ...], ...] = (
    ("scout", "maverick", "behemoth"),
    ("gpt-2", "gpt-3", "gpt-3.5", "gpt-4", "gpt-4o", "gpt"),
    ("bert", "gpt", "roberta", "albert", "xlnet", "t5", "elmo", "bart"),
    ("r1", "r1-zero", "o1", "v3", "r1-distill"),
    ("mamba", "mamba-2", "jamba", "zamba", "s4"),
    ("llama-2", "llama-3", "llama-3.1", "llama-3.2", "llama-4"),
    ("palm", "lamda", "chinchilla", "gopher", "gpt-3", "instructgpt"),
    ("claude", "gemini", "gpt-4o", "gpt-4"),
    ("dpo", "kto", "orpo", "ppo", "grpo", "rlhf", "rlaif", "sft", "ipo", "simpo"),
    ("cot", "tot", "react", "rag", "self-consistency"),
    ("rag", "fine-tuning", "prompting"),
    ("lora", "qlora", "adapter", "prefix-tuning", "full fine-tuning"),
    ("rag-sequence", "rag-token"),
    (
        "gsm8k",
        "math",
        "hotpotqa",
        "fever",
        "mmlu",
        "humaneval",
        "alfworld",
        "webshop",
        "squad",
        "glue",
        "game of 24",
    ),
    ("encoder", "decoder"),
    ("q", "k", "v"),
    ("hbm", "sram", "dram", "registers", "cpu memory"),
    ("bfs", "dfs", "beam search", "mcts"),
    ("critic", "actor"),
    ("retriever", "generator"),
    ("teacher", "student"),
    ("reward", "reference", "critic", "value", "policy"),
    ("attention", "ssm", "rnn", "lstm", "cnn", "recurrence", "convolution"),
    ("attention", "mamba", "rnn", "lstm", "cnn", "recurrence", "convolution"),
    ("feed-forward", "attention"),
    ("rlhf", "rlaif"),
)
TERMS: tuple[tuple[str, ...], ...] = (
    ("en-de", "en-fr", "en-ro", "de-en", "fr-en"),
    ("english", "german", "french", "chinese", "spanish"),
    ("seconds", "minutes", "hours", "days", "weeks", "months", "years"),
    ("kb", "mb", "gb", "tb", "pb"),
    ("gpu", "tpu", "cpu"),
    ("fp32", "fp16", "bf16", "fp8", "int8", "int4"),
    ("pre-training", "fine-tuning", "post-training", "inference"),
    ("top-1", "top-2", "top-k"),
    ("multiply", "divide"),
    ("sigmoid", "softmax", "relu", "tanh"),
    ("power law", "exponential", "logarithmic"),
    ("bleu", "rouge", "accuracy", "perplexity", "f1"),
    ("left", "right"),
    ("vision", "audio", "speech", "video"),
    ("human", "ai"),
    ("input", "output"),
    ("train", "inference"),
    ("forward", "backward"),
    ("memory", "compute"),
    ("latency", "throughput"),
    ("precision", "recall"),
    ("bias", "variance"),
    ("binary", "paired", "pairwise", "ranking"),
    ("unpaired", "paired"),
)
CONTRASTS = ENTITIES + TERMS
# Names that stand for a concept, not for something a claim is about.
CONCEPT_NAMES = frozenset(
    ("moe", "llm", "sota", "icl", "mlm", "nsp", "gpu", "tpu", "cpu", "q", "k", "v", "n", "ai")
)
# Names of a kind of model, which a candidate may write for the model itself (SSM for Mamba).
KIND_NAMES = CONCEPT_NAMES | frozenset(("ssm", "sae", "transformer", "rnn", "cnn"))

# Phrases read as one name or term (space separated, lower case; a hyphen in the text reads as a space).
ALIASES: tuple[tuple[str, str], ...] = (
    ("direct preference optimization", "dpo"), ("direct preference optimisation", "dpo"),
    ("kahneman tversky optimization", "kto"), ("kahneman tversky optimisation", "kto"),
    ("odds ratio preference optimization", "orpo"), ("proximal policy optimization", "ppo"),
    ("proximal policy optimisation", "ppo"), ("group relative policy optimization", "grpo"),
    ("reinforcement learning from human feedback", "rlhf"), ("rl from human feedback", "rlhf"),
    ("reinforcement learning from ai feedback", "rlaif"), ("rl from ai feedback", "rlaif"),
    ("supervised fine tuning", "sft"), ("supervised finetuning", "sft"), ("supervised fine tune", "sft"),
    ("supervised fine tuned", "sft"), ("supervised model", "sft"),
    ("chain of thought", "cot"), ("chains of thought", "cot"), ("chain of thoughts", "cot"),
    ("tree of thoughts", "tot"), ("tree of thought", "tot"), ("retrieval augmented generation", "rag"),
    ("mixture of experts", "moe"), ("mixture of expert", "moe"), ("state space models", "ssm"),
    ("state space model", "ssm"), ("ssms", "ssm"), ("sparse autoencoders", "sae"),
    ("sparse autoencoder", "sae"), ("sparse auto encoders", "sae"), ("saes", "sae"),
    ("large language models", "llm"), ("large language model", "llm"), ("llms", "llm"),
    ("language models", "llm"), ("language model", "llm"), ("next sentence prediction", "nsp"),
    ("masked language modeling", "mlm"), ("masked language modelling", "mlm"),
    ("masked language model", "mlm"), ("high bandwidth memory", "hbm"),
    ("english german", "en-de"), ("english to german", "en-de"), ("en de", "en-de"),
    ("english french", "en-fr"), ("english to french", "en-fr"), ("en fr", "en-fr"),
    ("query projection", "q"), ("query projections", "q"), ("queries", "q"), ("query", "q"),
    ("w q", "q"), ("wq", "q"), ("w_q", "q"), ("key projection", "k"), ("keys", "k"), ("w k", "k"),
    ("wk", "k"), ("w_k", "k"), ("value projection", "v"), ("values", "v"), ("w v", "v"), ("wv", "v"),
    ("w_v", "v"), ("value network", "critic"), ("value model", "critic"), ("value function", "critic"),
    ("value head", "critic"), ("value baseline", "critic"), ("critic model", "critic"),
    ("fine tuning", "fine-tuning"), ("fine tuned", "fine-tuning"), ("fine tune", "fine-tuning"),
    ("finetuning", "fine-tuning"), ("finetuned", "fine-tuning"), ("finetune", "fine-tuning"),
    ("fine tunes", "fine-tuning"), ("pre training", "pre-training"), ("pretraining", "pre-training"),
    ("pre trained", "pre-training"), ("pretrained", "pre-training"), ("post training", "post-training"),
    ("in context learning", "icl"), ("in context", "in-context"), ("icl", "icl"),
    ("self attention", "attention"), ("state of the art", "sota"), ("sota", "sota"),
    ("thumbs up down", "binary"), ("thumbs up or down", "binary"), ("thumbs up thumbs down", "binary"),
    ("thumbs up or thumbs down", "binary"), ("thumbs up", "binary"), ("thumbs down", "binary"),
    ("good bad", "binary"), ("good or bad", "binary"), ("good/bad", "binary"),
    ("power law", "power law"), ("game of 24", "game of 24"), ("top 1", "top-1"), ("top 2", "top-2"),
    ("top k", "top-k"), ("feed forward", "feed-forward"), ("feedforward", "feed-forward"),
    ("beam search", "beam search"), ("breadth first", "bfs"), ("depth first", "dfs"),
    ("breadth first search", "bfs"), ("depth first search", "dfs"), ("the first mamba", "mamba"),
    ("mamba 1", "mamba"), ("mamba-1", "mamba"), ("on chip", "sram"), ("on-chip", "sram"),
    ("reward models", "reward model"), ("reference models", "reference model"),
    ("pi ref", "reference model"), ("pi_ref", "reference model"), ("gpu memory", "memory"),
    ("full fine tuning", "full fine-tuning"), ("full finetuning", "full fine-tuning"),
    ("transformers", "transformer"),
)  # fmt: skip

# Key nouns that do not stand alone: "key idea" is not the key projection.
KEY_NOT_PROJECTION = frozenset((
    "idea", "ideas", "result", "results", "point", "points", "insight", "difference", "limitation",
    "question", "takeaway", "part", "ingredient", "to", "factor", "contribution", "step", "observation",
    "trick", "reason", "feature", "features", "advantage", "problem", "issue", "thing", "concept", "one",
))  # fmt: skip

# Phrases that take back what was just said ("..., but that's a myth", "Actually it's the other way round").
RETRACTIONS = (
    ("not", "true"), ("not", "right"), ("not", "correct"), ("not", "the", "case"), ("a", "myth"),
    ("misconception",), ("the", "opposite"), ("the", "other", "way"), ("the", "reverse"), ("backwards",),
    ("untrue",), ("is", "false"), ("is", "wrong"), ("was", "wrong"), ("incorrect",), ("i", "was", "wrong"),
    ("scratch", "that"), ("take", "that", "back"),
)  # fmt: skip

# Words that say an answer talks about words rather than making a claim ("keywords", "jargon").
META_WORDS = frozenset(("keyword", "keywords", "jargon", "buzzword", "buzzwords", "vocabulary"))
# "words" is about words after these ("the words I associate with RLHF"), not in "in other words".
META_AFTER = frozenset(("the", "these", "those", "key", "my", "all", "some", "main"))

# Number words, and the scale and unit words that may follow a number.
NUMBER_WORDS = {
    "zero": 0, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "thousand": 1000, "dozen": 12,
}  # fmt: skip
SCALES = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "millions": 1e6, "b": 1e9, "bn": 1e9,
    "billion": 1e9, "t": 1e12, "trillion": 1e12,
}  # fmt: skip
UNITS = {
    "%": "%", "percent": "%", "per cent": "%", "pct": "%", "percentage points": "%", "points": "%",
    "x": "x", "×": "x", "times": "x", "fold": "x", "gb": "gb", "gigabytes": "gb", "tb": "tb",
    "terabytes": "tb", "mb": "mb", "megabytes": "mb", "kb": "kb", "pb": "pb",
}  # fmt: skip
