"""HTML checked by CSS selectors, the way a reader (or a browser) sees it, not by grepping strings.

``'class="star"' in page`` passes when the attribute moves into a comment, another element or a different
section, and breaks when attributes are reordered. A selector says what structure the test relies on::

    page = Page(response.text)
    assert page.texts("#cat-transformers ol.entries > li > a") == ["Attention Is All You Need", ...]
    link = page.one('a[href="/guide/lora"]')
    assert page.one(".discussion-points").select("li")

New tests check HTML with this; the older ones that grep strings keep working and move over when touched.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

SPACE = re.compile(r"\s+")


def squash(text: str) -> str:
    """Whitespace runs as one space, trimmed: text as a reader sees it."""
    return SPACE.sub(" ", text).strip()


class Page:
    """A parsed HTML page (or fragment) and the selectors a test asks of it."""

    def __init__(self, html: str) -> None:
        self.html = html
        self.soup = BeautifulSoup(html, "html.parser")

    def all(self, selector: str) -> list[Tag]:
        """Every element ``selector`` matches, in document order."""
        return list(self.soup.select(selector))

    def one(self, selector: str) -> Tag:
        """The single element ``selector`` matches; fails, naming the selector, on none or several."""
        found = self.all(selector)
        assert len(found) == 1, f"{selector!r} matches {len(found)} elements, not one"
        return found[0]

    def has(self, selector: str) -> bool:
        """Whether ``selector`` matches anything."""
        return self.soup.select_one(selector) is not None

    def texts(self, selector: str) -> list[str]:
        """The visible text of each matching element, whitespace squashed."""
        return [squash(tag.get_text(" ")) for tag in self.all(selector)]

    def attrs(self, selector: str, name: str) -> list[str]:
        """Attribute ``name`` of each matching element that has it."""
        return [str(tag[name]) for tag in self.all(selector) if tag.has_attr(name)]

    @property
    def text(self) -> str:
        """The page's visible text (scripts and styles left out), whitespace squashed."""
        soup = BeautifulSoup(self.html, "html.parser")
        for hidden in soup(["script", "style", "template"]):
            hidden.decompose()
        return squash(soup.get_text(" "))
