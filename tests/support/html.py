"""HTML checked by CSS selectors, the way a reader (or a browser) sees it, not by grepping strings.

``'class="star"' in page`` passes when the attribute moves into a comment, another element or a different
section, and breaks when attributes are reordered. A selector says what structure the test relies on::

    page = Page(response.text)
    assert page.texts("#cat-transformers ol.entries > li > a") == ["Attention Is All You Need", ...]
    link = page.one('a[href="/guide/lora"]')
    assert page.one(".discussion-points").select("li")

A form is checked by what it would submit (``submitted(page.form("/plan"))["focus"] == ["top15"]``), a table
by its rows' cells (``page.table_rows("table.schedule tbody")``), and an injected payload by what would run
(``page.active_content() == []``) and what a reader sees (``payload in page.text``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cached_property

from bs4 import BeautifulSoup, Tag
from bs4.element import CData, NavigableString

from support.web import BASE_URL

SPACE = re.compile(r"\s+")
#: Attributes whose value a browser follows or loads as a URL (a ``javascript:`` one runs as code).
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data", "poster")
#: Elements whose content a reader never sees as text.
HIDDEN = ("script", "style", "template")
#: The elements whose value a form sends.
FIELDS = ("input", "textarea", "select")
#: Buttons send their name and value only when they are the one clicked; these never send anything.
NOT_SENT = {"submit", "button", "reset", "image", "file"}


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

    def text_of(self, selector: str) -> str:
        """The visible text of the single element ``selector`` matches, whitespace squashed."""
        return squash(self.one(selector).get_text(" "))

    def form(self, action: str) -> Tag:
        """The single form that submits to ``action``; fails, naming it, on none or several."""
        return self.one(f'form[action="{action}"]')

    def table_rows(self, selector: str) -> list[list[str]]:
        """The cells' text (``th`` and ``td``, whitespace squashed) of each row ``selector`` names, in order.

        ``selector`` names a table, one of its parts (``"table.schedule tbody"`` leaves out the header row) or
        rows themselves (``"tr.field-limitations"``).
        """
        rows = [
            row for tag in self.all(selector) for row in ([tag] if tag.name == "tr" else tag.select("tr"))
        ]
        return [
            [squash(cell.get_text(" ")) for cell in row.find_all(["th", "td"], recursive=False)]
            for row in rows
        ]

    def active_content(self, site: str = BASE_URL) -> list[str]:
        """What in the page would run code, one description each: a script with code of its own or loaded
        from anywhere but ``site``, an event-handler attribute (``onerror=``...), a ``javascript:`` URL.

        The pages run only their own script files (no inline script: a CSP is coming), so an injected payload
        that became markup shows up here, and a page that is safe answers ``[]``.
        """
        found = []
        for tag in self.soup.find_all(True):
            if tag.name == "script":
                src = str(tag.get("src") or "")
                own = src.startswith(f"{site}/") or (src.startswith("/") and not src.startswith("//"))
                if tag.get_text().strip() or (src and not own):
                    found.append(f"<script> {tag.get_text().strip() or src}")
            for name, value in tag.attrs.items():
                text = " ".join(value) if isinstance(value, list) else str(value)
                handler = name.lower().startswith("on")
                if handler or (name.lower() in URL_ATTRIBUTES and _scheme(text) == "javascript"):
                    found.append(f"<{tag.name} {name}={text!r}>")
        return found

    @cached_property
    def text(self) -> str:
        """The page's visible text (scripts, styles and templates left out), whitespace squashed."""
        return squash(" ".join(_visible_strings(self.soup)))


def _visible_strings(tag: Tag) -> Iterator[str]:
    """The text under ``tag`` a reader sees, in order (what ``get_text`` gives, less hidden elements)."""
    for child in tag.children:
        if isinstance(child, Tag):
            if child.name not in HIDDEN:
                yield from _visible_strings(child)
        elif type(child) in (NavigableString, CData):
            yield str(child)


def submitted(form: Tag) -> dict[str, list[str]]:
    """What ``form`` would send as it stands, as a browser builds it: field name -> values in document order.

    Named, enabled fields count: inputs (a checkbox or radio only when checked), textareas and the selected
    options of a select, including fields outside the form that name it (``form="search-form"``). Buttons
    are left out (one sends its value only when it is the one clicked), and so are file inputs.
    """
    fields = list(form.select(", ".join(FIELDS)))
    if form.get("id"):
        document = [form, *form.parents][-1]
        fields += document.select(", ".join(f'{kind}[form="{form["id"]}"]' for kind in FIELDS))
    sent: dict[str, list[str]] = {}
    for field in fields:
        name = field.get("name")
        if not name or field.has_attr("disabled"):
            continue
        for value in _values(field):
            sent.setdefault(str(name), []).append(value)
    return sent


def _values(field: Tag) -> list[str]:
    if field.name == "textarea":
        text = field.get_text()
        return [text[1:] if text.startswith("\n") else text]  # the newline after <textarea> is not content
    if field.name == "select":
        options = field.find_all("option")
        chosen = [o for o in options if o.has_attr("selected")]
        if not chosen and options and not field.has_attr("multiple"):
            chosen = options[:1]
        return [str(o["value"]) if o.has_attr("value") else squash(o.get_text()) for o in chosen]
    kind = str(field.get("type") or "text").lower()
    if kind in NOT_SENT or (kind in ("checkbox", "radio") and not field.has_attr("checked")):
        return []
    return [str(field.get("value") or ("on" if kind in ("checkbox", "radio") else ""))]


def _scheme(url: str) -> str:
    """The URL's scheme as a browser reads it (case, spaces and control characters ignored)."""
    cleaned = "".join(ch for ch in url if ch > " " and ch != "\x7f").lower()
    return cleaned.split(":", 1)[0] if ":" in cleaned else ""
