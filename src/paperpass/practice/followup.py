"""Follow-up questions written from a reference point the user missed, without giving the point away.

An interviewer who hears an answer leave something out asks about that thing: "You did not mention the
reference model. What role does it play?". :func:`probe` finds what a point is about (its subject, or
what the paper needs, keeps or uses when the paper itself is the subject, or what it is compared with)
and asks about it; the claim itself (the rest of the point) stays hidden. The same probe gives the mock
interview's follow-up (:meth:`Probe.follow_up`) and the card a missed point becomes (:meth:`Probe.card`).
When the LLM grader is configured, it writes the interview's follow-up instead (see
:func:`paperpass.practice.grading.follow_up`).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Verbs that end the subject of a reference point ("the reference model | acts as ...").
VERBS = _words("""
    is are was were be been being has have had needs need needed requires require required acts act plays
    play keeps keep kept learns learn learned uses use used makes make made takes take took gives give gave
    adds add added does do did can cannot could may might must should would will trains train trained
    scales scale grows grow matches match matched beat beats reaches reach reached reduces reduce reduced
    cuts cut removes remove removed replaces replace replaced lets let moves move moved falls fall fell
    rises rise stays stay merges merge merged skips skip avoids avoid avoided costs cost saves save saved
    works work runs run weigh weighs depends depend relies rely improves improve improved outperforms
    outperform
    outperformed sets set holds hold changes changed shows show showed lowers lower raises raise
    allows allow enables enable drops drop dropped comes come came goes go went applies apply applied
    computes compute computed predicts predict predicted generates generate generated optimises optimise
    optimizes optimize maximises maximise maximizes maximize minimises minimise minimizes minimize splits
    split combines combine combined turns turn turned fits fit yields yield yielded helps help hurts hurt
    tends tend leads lead led serves serve served becomes become became stores store stored reads read
    writes write wrote sees see saw gets get got put puts remains remain remained breaks break broke push
    pushes
    pushed struggle struggles struggled extract extracts extracted decide decides decided report reports
    reported aim aims aimed leave leaves left send sends sent dominate dominates dominated bound bounds
    addresses address addressed contains contain contained drives drive drove limits limit limited
    introduces introduce introduced produces produce produced ranked loses lose lost
""")
# A point written as an instruction ("Evaluate with held-out ..."): the topic is its object.
IMPERATIVES = _words("""
    do evaluate decide judge pick use add train measure compare check run raise lower split keep filter
    choose start try test fine-tune tune ask build give make report instruct cite prefer avoid monitor
""")
ROLE_VERBS = _words("acts act plays play serves serve keeps keep kept holds hold")
HAVING_VERBS = _words(
    "needs need needed requires require required uses use used keeps keep kept has have had"
)
PRONOUNS = _words("it its they them this that these those which who one nobody nothing")
SELF = _words("paper method approach model technique")  # "the paper" is what the question is about
DETERMINERS = _words("the a an its their this that these those")
STOPS = _words("""
    a an the of to in on for with by at from as and or but not no than then so such its it their there
    this that these those which who what when where how why is are was were be been can could may might must
    should would will do does did has have had very more most less fewer same own other each every both
    only also just about into over under per via while whereas instead rather
""")
PREPOSITIONS = _words("""
    for to with without within in on by at from as than of over into per via while whereas across through
    between against under after before during behind about around beyond among toward towards
""")
PHRASE_BREAKS = (PREPOSITIONS - {"of"}) | _words(
    "and or but plus minus versus vs that which who whose where when instead rather never not hardly"
)
LIGHT = _words("""
    only also not no more much even still just directly then often always usually when if because since once
    unless
""")
QUANTIFIERS = _words("the a an its their some each every all any most many")
GENERIC_LABELS = frozenset(
    (
        "formulation",
        "idea",
        "key idea",
        "result",
        "results",
        "limitation",
        "limitations",
        "example",
        "note",
        "method",
        "goal",
        "problem",
        "approach",
        "intuition",
        "setup",
        "reason",
        "why",
        "how",
        "in short",
        "in practice",
        "trade-off",
        "tradeoff",
        "benefit",
        "cost",
        "caveat",
        "evidence",
        "definition",
    )
)
NUMBER_WORDS = _words("one two three four five six seven eight nine ten half twice")
COMPARISON = re.compile(r"\b(?:than|instead of|compared (?:with|to)|versus|vs\.?|over)\s+(.+)", re.IGNORECASE)
NUMBER = re.compile(r"\d")
BREAKS = re.compile(r"[;:]|\s\(|,\s|\s[-–—]\s")  # not the brackets of O(n^2) or softmax(x)
MAX_TOPIC_WORDS = 6


@dataclass(frozen=True)
class Probe:
    """What a missed point is about and how to ask about it.

    Attributes:
        point: the reference point.
        topic: what it is about, as the point writes it ("the reference model").
        ask: the question, with ``{x}`` where the topic goes as a subject, ``{o}`` as an object and
            ``{does}`` for its verb ("What role {does} {x} play?").
        plural: whether the topic is plural (they/them/do instead of it/does).
        missing: "mention" (the answer left it out) or "compare" (the answer did not compare with it).
    """

    point: str
    topic: str
    ask: str
    plural: bool = False
    missing: str = "mention"

    def _asked(self, subject: str, obj: str) -> str:
        return _capital(self.ask.format(x=subject, o=obj, does="do" if self.plural else "does"))

    def question(self) -> str:
        """The question about the topic, standing on its own ("What role does the reference model play?")."""
        return self._asked(self.topic, self.topic)

    def follow_up(self, shaky: bool = False) -> str:
        """The interviewer's follow-up: what was left out (or shaky), then the question about it."""
        ask = self._asked("they" if self.plural else "it", "them" if self.plural else "it")
        if shaky:
            return f"You sounded unsure about {self.topic}. {ask}"
        if self.missing == "compare":
            return f"You did not compare it with {self.topic}. How do the two differ?"
        return f"You did not mention {self.topic}. {ask}"

    def card(self, about: str) -> str:
        """The prompt of the card the missed point becomes, naming what it is about ("DPO: ...")."""
        text = self.question()
        return f"{about}: {text[0].lower()}{text[1:]}" if about else text


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _clean(word: str) -> str:
    return word.strip(".,;:!?\"'“”()[]").lower()


def _is_plural(words: list[str]) -> bool:
    head = words[-1].strip(".,;:!?\"'“”()") if words else ""
    if not head or head.isupper():
        return head.endswith("s") and head[:-1].isupper()  # "LLMs"
    lower = head.lower()
    return lower.endswith("s") and not lower.endswith(("ss", "us", "is", "ics"))


def _topic(words: list[str]) -> str:
    """A phrase as a topic mid-sentence: a capital that only starts the sentence is lowered ("one stage")."""
    head = words[0]
    if head[:1].isupper() and head[1:].islower() and _clean(head) in STOPS | NUMBER_WORDS:
        head = head.lower()
    return " ".join([head, *words[1:]])


def _phrase(words: list[str]) -> list[str]:
    """A noun phrase from the start of ``words``: up to a preposition, verb or a few words."""
    taken: list[str] = []
    for word in words:
        clean = _clean(word)
        if taken and (clean in PHRASE_BREAKS or clean in VERBS):
            break
        if clean[:1].isdigit() or clean in NUMBER_WORDS:
            continue  # a number in the topic would give the answer away ("a 2-8x speedup" -> "a speedup")
        taken.append(_unquoted(word))
        if len(taken) >= MAX_TOPIC_WORDS:
            break
    while taken and (_clean(taken[-1]) in STOPS or _clean(taken[-1]) in LIGHT):
        taken.pop()
    return taken


def _unquoted(word: str) -> str:
    """A word without the punctuation around it; a bracket stays when it closes one the word opens, an
    apostrophe when it makes a possessive ("features'")."""
    quoted = word.startswith("'")
    word = word.strip('.,;:!?"“”')
    word = word.strip("'") if quoted else word.lstrip("'")
    if word.endswith(")") and word.count("(") < word.count(")"):
        word = word.rstrip(")")
    if word.startswith("(") and ")" not in word:
        word = word.lstrip("(")
    return word


def _names_only(words: list[str], names: Collection[str]) -> bool:
    content = [_clean(w) for w in words if _clean(w) not in DETERMINERS]
    if " ".join(content) in names:
        return True
    return bool(content) and all(w in names or w in PRONOUNS or w in SELF for w in content)


def _keyword(words: list[str], names: Collection[str]) -> str:
    """The point's most telling word: the longest that is not a stop word, a number or the paper's name."""
    found = [
        w.strip(".,;:!?\"'“”()")
        for w in words
        if _clean(w) not in STOPS and _clean(w) not in names and not NUMBER.search(w) and len(_clean(w)) > 2
    ]
    return max(found, key=len, default="")


def probe(point: str, names: Collection[str] = ()) -> Probe:
    """How to ask about a missed reference point without stating it.

    Args:
        point: the reference point.
        names: the lower-case names of what the question is about ("dpo"), never a topic of their own.
    """
    names = {n.lower() for n in names}
    numbers = bool(NUMBER.search(point))
    parts = _parts(point)
    for words in parts:
        found = _probe_part(point, words, names, numbers)
        if found is not None:
            return found
    every = [w for part in parts for w in part]
    keyword = _keyword(every, names) or next((w for w in every if _clean(w) not in STOPS), point)
    return Probe(point, f"“{_unquoted(keyword)}”", "What is the point about {o}?")


def _probe_part(point: str, words: list[str], names: set[str], numbers: bool) -> Probe | None:
    """A probe from one part of the point (None when the part is only names, numbers or small words)."""
    imperative = bool(words) and _clean(words[0]) in IMPERATIVES  # "Evaluate with ...": ask about its object
    verb = 0 if imperative else next((i for i in range(1, len(words)) if _verb_at(words, i)), None)
    if not imperative and len(words) > 1 and _clean(words[0]) in PRONOUNS:
        verb = 1  # "it hallucinates, ...": whatever follows a pronoun is its verb
    if verb is not None:
        subject = _phrase(_skip_light(words[:verb]))
        if subject and not _names_only(subject, names):
            return Probe(point, _topic(subject), _ask_about_subject(_clean(words[verb]), numbers),
                         _is_plural(subject))  # fmt: skip
        thing = _phrase(_skip_light(words[verb + 1 :]))
        comparative = len(thing) == 1 and COMPARISON.search(" ".join(words)) is not None  # "simpler than X"
        if thing and not comparative and not _names_only(thing, names):
            return Probe(point, _topic(thing), _ask_about_object(_clean(words[verb]), numbers),
                         _is_plural(thing))  # fmt: skip
    compared = COMPARISON.search(" ".join(words))
    if compared:
        other = _phrase(compared.group(1).split())
        if other and not _names_only(other, names - {_clean(other[0])}):
            return Probe(point, _topic(other), "How {does} it compare with {o}?", False, "compare")
    start = _phrase(_skip_light(words))
    if start and not _names_only(start, names):
        return Probe(point, _topic(start), _ask_about_subject("", numbers), _is_plural(start))
    return None


def _parts(point: str) -> list[list[str]]:
    """The words of the point's parts, the part to ask about first (see :func:`_first_part`); a generic
    label before a colon ("Formulation: ...") is no topic."""
    parts = [p.split() for p in BREAKS.split(point.strip().rstrip(".")) if p.strip()]
    first = _first_part(point)
    ordered = [first, *[p for p in parts if p != first]]
    label = point.split(":", 1)[0].strip().lower() if ":" in point else ""
    if label in GENERIC_LABELS and len(ordered) > 1:
        ordered = ordered[1:]
    return ordered


def _first_part(point: str) -> list[str]:
    """The words of the point's first part (up to a semicolon, colon, bracket, dash or comma). A part that is
    only an adverbial ("during training, ...") or one or two words before a plain word ("a rule-based,
    verifiable reward") gives way to the next part."""
    parts = [p.split() for p in BREAKS.split(point.strip().rstrip(".")) if p.strip()]
    if not parts:
        return []
    words = parts[0]
    rest = parts[1] if len(parts) > 1 else []
    adverbial = _clean(words[0]) in PREPOSITIONS | LIGHT
    if rest and (adverbial or (len(words) <= 2 and rest[0].islower() and _clean(rest[0]) not in STOPS)):
        return rest
    return words


def _verb_at(words: list[str], index: int) -> bool:
    """Whether the word at ``index`` reads as the point's verb: a known verb, or a word that a
    determiner follows ("uneven routing leaves some experts ...")."""
    word = _clean(words[index])
    if word in VERBS or (word.endswith("ly") and len(word) > 4):  # an adverb stands before the verb
        return True
    after = _clean(words[index + 1]) if index + 1 < len(words) else ""
    return word not in STOPS and word not in LIGHT and after in QUANTIFIERS and not NUMBER.search(word)


def _skip_light(words: list[str]) -> list[str]:
    """Words after leading adverbs, negations, prepositions and verbs ("only", "not", "at", "or beat")."""
    index = 0
    skip = LIGHT | PREPOSITIONS | VERBS | {"and", "or"}
    while index < len(words) - 1 and _clean(words[index]) in skip:
        index += 1
    return words[index:]


def _ask_about_subject(verb: str, numbers: bool) -> str:
    if verb in ROLE_VERBS:
        return "What role {does} {x} play?"
    if numbers:
        return "What are the numbers on {o}?"
    return "What role {does} {x} play here?"


def _ask_about_object(verb: str, numbers: bool) -> str:
    if numbers:
        return "What are the numbers on {o}?"
    if verb in HAVING_VERBS:
        return "Why {does} {x} matter here?"
    return "How {does} {x} come into it?"
