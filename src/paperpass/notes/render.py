"""Notes as sanitized HTML: Markdown (markdown-it-py) with ``$…$`` math rendered server-side to MathML.

MathML needs no JavaScript or fonts: browsers render it natively. The HTML goes through nh3 with an
allow-list that adds the MathML elements, so a note can never inject a script into a page.

markdown-it, its plugins and latex2mathml (~40 ms to import) load when the first note is rendered, not with
every page and command that imports this module.
"""

from __future__ import annotations

import html
from functools import lru_cache
from typing import Any

import nh3

_MATHML_TAGS = {
    "math", "semantics", "annotation", "mrow", "mi", "mn", "mo", "ms", "mtext", "mspace", "msup", "msub",
    "msubsup", "mfrac", "msqrt", "mroot", "mover", "munder", "munderover", "mtable", "mtr", "mtd",
    "mstyle", "mpadded", "mphantom", "menclose", "merror",
}  # fmt: skip
_MATHML_ATTRIBUTES = {
    "math": {"display", "xmlns"},
    "mo": {"stretchy", "fence", "separator", "lspace", "rspace", "form", "largeop", "movablelimits",
           "accent", "symmetric", "minsize", "maxsize"},
    "mi": {"mathvariant"},
    "mn": {"mathvariant"},
    "mstyle": {"displaystyle", "scriptlevel", "mathvariant", "mathsize"},
    "mspace": {"width", "height", "depth"},
    "mtable": {"columnalign", "rowspacing", "columnspacing", "displaystyle"},
    "mtd": {"columnalign", "columnspan", "rowspan"},
    "mfrac": {"linethickness"},
    "mover": {"accent"},
    "munder": {"accentunder"},
    "menclose": {"notation"},
    "annotation": {"encoding"},
}  # fmt: skip


def math_html(tex: str, options: dict[str, Any]) -> str:
    """TeX to MathML; TeX that cannot be converted is shown as code with a class marking the error."""
    from latex2mathml.converter import convert  # see the module's docstring

    display = "block" if options.get("display_mode") else "inline"
    try:
        return str(convert(tex, display=display))
    except Exception:  # latex2mathml raises many kinds of errors on bad TeX; show the source instead
        return f'<code class="math-error" title="cannot render this TeX">{html.escape(tex)}</code>'


@lru_cache(maxsize=1)
def _markdown() -> Any:
    from markdown_it import MarkdownIt  # see the module's docstring
    from mdit_py_plugins.dollarmath import dollarmath_plugin

    md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table").enable("strikethrough")
    dollarmath_plugin(md, allow_digits=True, renderer=math_html)  # write \$ for a dollar sign
    return md


def _attributes() -> dict[str, set[str]]:
    allowed = {tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()}
    for tag, attrs in _MATHML_ATTRIBUTES.items():
        allowed.setdefault(tag, set()).update(attrs)
    for tag in ("span", "div", "code"):
        allowed.setdefault(tag, set()).update({"class", "title"})
    return allowed


def sanitize(markup: str) -> str:
    """Clean HTML with nh3: the default allow-list plus MathML, no scripts, styles or event handlers."""
    return str(nh3.clean(markup, tags=set(nh3.ALLOWED_TAGS) | _MATHML_TAGS, attributes=_attributes()))


def render_markdown(text: str) -> str:
    """A note's Markdown as sanitized HTML with math rendered (``[[wikilinks]]`` shown as text)."""
    return sanitize(_markdown().render(text))
