"""Follow-ups built from a missed reference point: they name what the point is about, never the point."""

from __future__ import annotations

from paperpass.catalog import load_catalog
from paperpass.practice.bank import catalog_questions
from paperpass.practice.followup import probe


def test_the_follow_up_names_what_was_left_out_and_asks_about_it() -> None:
    asked = probe("the reference model acts as regularization", {"dpo"})
    assert asked.follow_up() == "You did not mention the reference model. What role does it play?"
    assert asked.card("DPO") == "DPO: what role does the reference model play?"
    assert asked.follow_up(shaky=True).startswith("You sounded unsure about the reference model.")
    needs = probe("DPO needs paired preferences, a chosen and a rejected response", {"dpo"})
    assert needs.topic == "paired preferences" and needs.follow_up().endswith("Why do they matter here?")
    compared = probe("it is simpler than PPO and needs less memory", {"dpo"})
    assert compared.follow_up() == "You did not compare it with PPO. How do the two differ?"
    assert "numbers" in probe("Behemoth has 288B active and 2T total parameters", {"llama 4"}).question()


def test_every_bank_point_gives_a_follow_up_from_its_own_words_that_keeps_the_claim_hidden() -> None:
    catalog = load_catalog()
    short = {e.slug: e.short_title.lower() for e in catalog.entries}
    points = {
        (point, tuple(q.entries))
        for q in catalog_questions(catalog)
        if q.kind not in {"cloze", "choice"}
        for point in q.reference_points
    }
    assert len(points) > 500
    for point, entries in points:
        names = {s for slug in entries for s in (slug, short.get(slug, ""))}
        asked = probe(point, names)
        topic = _plain(asked.topic)
        assert topic and set(topic.split()) <= set(_plain(point).split()), point  # the point's own words
        assert topic not in names, point  # never "You did not mention DPO" on a DPO question
        text = asked.follow_up()
        assert text.startswith(("You did not mention", "You did not compare")) and text.endswith("?")
        if len(topic) < len(point.rstrip(".")):
            assert point.rstrip(".") not in text, point  # the claim itself is not given away


def _plain(text: str) -> str:
    """Lower case without quote marks (a topic drops the quotes around a phrase it takes)."""
    return "".join(c for c in text.lower() if c not in '"“”,.;:()')
