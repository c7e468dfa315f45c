"""LaTeX in BibTeX values turned into plain Unicode text, fast for what BibTeX files hold.

Most values hold only accents (``M{\\"u}ller``, ``\\'e``), special letters (``{\\ss}``), escaped
characters (``\\&``), dashes and protective braces. :func:`latex_to_text` decodes those itself in a few
microseconds; anything else (math, ``\\url``, ``\\textit``, Cyrillic macros ...) goes to pylatexenc, which
understands far more LaTeX but takes half a millisecond a value (minutes for a large ``.bib`` file).

A ``%`` is a comment in LaTeX, but in a BibTeX value it is nearly always a percent sign (``100%
Accuracy``): only a line that starts with ``%`` inside a multi-line value is dropped as a comment.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

# Accent commands and the combining character each adds (NFC then composes ``e`` + U+0301 into ``é``).
_ACCENTS = {
    "'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "=": "\u0304",
    ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327", "k": "\u0328",
    "r": "\u030a", "d": "\u0323", "b": "\u0331",
}  # fmt: skip
_LETTERS = {
    "ss": "ß", "o": "ø", "O": "Ø", "aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ",
    "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ",
}  # fmt: skip
# escaped characters that the steps after the escapes would misread, held as private-use characters
_HELD = {"{": "\ue000", "}": "\ue001", "$": "\ue002", "~": "\ue003"}
_COMMENT_LINE = re.compile(r"\n[ \t]*%[^\n]*")
_BARE_PERCENT = re.compile(r"(?<!\\)%")
# \'e  \'{e}  {\'e}  \"{\i}  \c{c}  \c c  (a letter accent needs braces or a space before its letter)
_ACCENT = re.compile(
    r"\{?\\(?:([\'`^\"~=.])\s*|([uvHckrdb])(?=[\s{]))\s*(?:\{\s*(\\[ij]|[A-Za-z])\s*\}|(\\[ij]|[A-Za-z]))\}?"
)
_LETTER = re.compile(r"\\(ss|aa|AA|ae|AE|oe|OE|dh|DH|th|TH|ng|NG|[oOlLij])(?![A-Za-z])\s*(?:\{\})?")
_ESCAPE = re.compile(r"\\([&%$#_{} ])")
_LATEX_MARK = re.compile(r"[\\{}~$-]")
_DASHES = (("---", "\u2014"), ("--", "\u2013"))


def strip_comment_lines(value: str) -> str:
    """``value`` without the lines that start with ``%`` (a LaTeX comment inside a multi-line value)."""
    return _COMMENT_LINE.sub("", value) if "%" in value else value


def _accent(match: re.Match[str]) -> str:
    mark = _ACCENTS[match.group(1) or match.group(2)]
    letter = match.group(3) or match.group(4)
    base = "i" if letter == "\\i" else "j" if letter == "\\j" else letter
    text = base + mark
    whole = match.group(0)
    # a brace opened before the command and closed after the letter is one group: keep others balanced
    if whole.startswith("{") != whole.endswith("}"):
        text = ("{" if whole.startswith("{") else "") + text + ("}" if whole.endswith("}") else "")
    return text


def _fast(value: str) -> str | None:
    """The value decoded without pylatexenc, or None when it holds LaTeX this cannot decode."""
    text = _ACCENT.sub(_accent, value) if "\\" in value else value
    text = _LETTER.sub(lambda m: _LETTERS[m.group(1)], text) if "\\" in text else text
    text = _ESCAPE.sub(lambda m: _HELD.get(m.group(1), m.group(1)), text) if "\\" in text else text
    if "\\" in text or "$" in text:
        return None
    text = text.replace("{", "").replace("}", "").replace("~", " ")
    for dash, char in _DASHES:
        text = text.replace(dash, char)
    for char, held in _HELD.items():
        text = text.replace(held, char)
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=1)
def _decoder() -> Any:
    """pylatexenc as bibtexparser configures it: ``\\url{x}`` is ``x``, math is kept as written."""
    from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

    context = get_default_latex_context_db()
    context.add_context_category("bibtex", prepend=True, macros=[MacroTextSpec("url", simplify_repl="%s")])
    return LatexNodes2Text(latex_context=context, math_mode="verbatim")


def latex_to_text(value: str) -> str:
    """A BibTeX value (outer delimiters already removed) as plain text, white space squeezed."""
    value = strip_comment_lines(value)
    if _LATEX_MARK.search(value) is None:
        return " ".join(value.split())
    text = _fast(value)
    if text is None:
        try:
            text = str(_decoder().latex_to_text(_BARE_PERCENT.sub(r"\\%", value)))
        except Exception:  # pylatexenc raises many kinds of errors on broken LaTeX: keep the text as written
            text = value.replace("{", "").replace("}", "")
    return " ".join(text.split())
