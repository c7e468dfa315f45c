"""Every form and script of the web app carries the CSRF token, the way the server checks it.

The server refuses a state-changing request without the token of its page. Forms get it from
``{{ csrf_field() }}``, which must come before the form's fields: an upload (multipart) is read only up to
its first field to find the token, so a big file never has to be held. Scripts send it as the
``X-CSRF-Token`` header, read from ``<meta name="csrf-token">``. A new template or script that forgets
either fails here, before a user meets a 403.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import paperpass.web

WEB = Path(paperpass.web.__file__).parent
TEMPLATES = sorted((WEB / "templates").glob("*.html"))
SCRIPTS = sorted((WEB / "static").glob("*.js"))
FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S | re.I)
FIELD = re.compile(r"<(input|textarea|select|button)\b", re.I)


def _post_forms(text: str) -> list[str]:
    return [body for attrs, body in FORM.findall(text) if re.search(r'method="post"', attrs, re.I)]


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_every_post_form_starts_with_its_csrf_field(template: Path) -> None:
    for body in _post_forms(template.read_text(encoding="utf-8")):
        where = body.find("{{ csrf_field() }}")
        first_field = FIELD.search(body)
        assert where >= 0, f"{template.name}: a POST form without {{{{ csrf_field() }}}}"
        assert first_field is None or where < first_field.start(), f"{template.name}: csrf_field() not first"


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_every_script_that_fetches_sends_the_csrf_header(script: Path) -> None:
    text = script.read_text(encoding="utf-8")
    if "fetch(" in text or "XMLHttpRequest" in text:
        assert "X-CSRF-Token" in text and 'meta[name="csrf-token"]' in text, script.name


def test_the_base_template_gives_scripts_the_token() -> None:
    assert "csrf_meta()" in (WEB / "templates" / "base.html").read_text(encoding="utf-8")


def test_there_are_forms_to_check() -> None:
    assert sum(len(_post_forms(t.read_text(encoding="utf-8"))) for t in TEMPLATES) >= 20
