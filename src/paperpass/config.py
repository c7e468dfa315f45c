"""Settings, declared once as data: typed fields of :class:`Settings`.

Each setting is a field with a type, a default, and as metadata its help text and the parser of its text
form; its environment variable is ``PAPERPASS_<NAME>``. Values come from, in order of precedence: the
environment (``PAPERPASS_*``), ``<home>/config.toml``, the default. The data directory (``home``) comes from
platformdirs unless ``PAPERPASS_HOME`` overrides it; it cannot be set in config.toml since that file lives
inside it.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, TypeVar

from platformdirs import user_data_path

from paperpass.errors import ConfigError

APP_NAME = "paperpass"
T = TypeVar("T")


@dataclass(frozen=True)
class Setting:
    """A declared setting as the docs and the loader see it: name, default, help, parser."""

    name: str
    default: Any
    help: str
    parse: Callable[[str], Any] = str

    @property
    def env(self) -> str:
        """The environment variable that overrides the setting."""
        return f"PAPERPASS_{self.name.upper()}"


def setting(default: T, help: str, parse: Callable[[str], Any] = str) -> T:  # noqa: A002 - the doc's word
    """A field of :class:`Settings`: its default, with the help text and text parser as metadata."""
    return field(default=default, metadata={"help": help, "parse": parse})


def _bool(text: str) -> bool:
    value = text.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError(f"not a boolean: {text!r}")


def _retention(text: str) -> float:
    value = float(text)
    if not 0.7 <= value <= 0.99:
        raise ValueError(f"desired retention must be between 0.7 and 0.99, not {value}")
    return value


JUDGES = ("auto", "hint", "llm", "lexical", "semantic")


def _judge(text: str) -> str:
    value = text.strip().lower()
    if value not in JUDGES:
        raise ValueError(f"judge must be one of {', '.join(JUDGES)}, not {text!r}")
    return value


def default_home() -> Path:
    """The data directory: ``$PAPERPASS_HOME`` or the platform's user data dir."""
    override = os.environ.get("PAPERPASS_HOME")
    if override:
        return Path(override).expanduser()

    return user_data_path(APP_NAME, appauthor=False)


@dataclass(frozen=True)
class Settings:
    """Resolved settings, one typed field per setting. Build with :func:`load_settings`; in tests
    ``Settings(home=tmp_path, port=9000)`` or ``dataclasses.replace(settings, judge="lexical")``."""

    home: Path
    db: str = setting("", "Database URL; default sqlite:///<home>/library.db. PostgreSQL: postgresql://...")
    user: str = setting(
        "",
        "The account the CLI acts as on a team library (`--user` overrides it); empty on a single-user one.",
    )
    host: str = setting("127.0.0.1", "Address `paperpass serve` binds to.")
    port: int = setting(8765, "Port `paperpass serve` listens on.", int)
    seed_guide: bool = setting(True, "Load the guide's papers into a new library.", _bool)
    arxiv_api: str = setting("https://export.arxiv.org/api/query", "arXiv API endpoint (Atom query).")
    arxiv_pdf: str = setting("https://arxiv.org/pdf", "Where arXiv PDFs are downloaded from.")
    s2_api: str = setting("https://api.semanticscholar.org", "Semantic Scholar API base URL.")
    s2_api_key: str = setting("", "Semantic Scholar API key (optional; raises the rate limit).")
    crossref_api: str = setting("https://api.crossref.org", "Crossref API base URL (DOI metadata).")
    crossref_mailto: str = setting("", "E-mail sent to Crossref for its polite pool (optional).")
    hf_api: str = setting("https://huggingface.co/api", "Hugging Face API base URL (Papers, code links).")
    http_timeout: float = setting(30.0, "Seconds before a remote request gives up.", float)
    upload_max_mb: float = setting(100.0, "Largest PDF the web app accepts as an upload, in MB.", float)
    desired_retention: float = setting(
        0.9, "FSRS: the chance of recalling a card when it is due (0.7-0.99).", _retention
    )
    judge: str = setting(
        "auto",
        "Grader of answers: auto (llm when llm_url is set, else hint), hint, llm, lexical, semantic.",
        _judge,
    )
    llm_url: str = setting(
        "", "OpenAI-compatible chat API base URL for the optional LLM grader (empty: off)."
    )
    llm_model: str = setting("", "Model name sent to llm_url (e.g. llama3.1:8b for Ollama).")
    llm_api_key_env: str = setting(
        "", "Name of the environment variable holding llm_url's API key (empty: none)."
    )
    semantic_search: bool = setting(
        True,
        "Web search also ranks by meaning (paperpass[semantic], after `paperpass reindex`), fused by RRF.",
        _bool,
    )
    http_cache_days: float = setting(
        7.0, "Days a remote answer stays in <home>/cache/http (0: no cache).", float
    )
    http_delay_scale: float = setting(
        1.0,
        "Multiplies the pause between requests to one service (1: the services' limits; 0: local mirrors).",
        float,
    )
    secret_key: str = setting("", "Key that signs login cookies (empty: one kept in the database).")
    cookie_secure: bool = setting(False, "Send the login cookie only over https (behind a TLS proxy).", _bool)
    session_days: float = setting(7.0, "Days a login lasts before signing in again.", float)
    login_attempts: int = setting(
        5, "Login attempts per username and address in a window before a wait.", int
    )
    login_account_attempts: int = setting(
        20, "Login attempts per username from all addresses in a window before a wait.", int
    )
    login_window_minutes: float = setting(15.0, "Minutes over which login attempts are counted.", float)
    login_checks: int = setting(
        2, "Password checks run at once (argon2id takes 64 MiB each); more logins wait, then get 503.", int
    )
    allowed_hosts: str = setting(
        "", "Host names the server answers besides loopback (comma list; `.example.org` covers subdomains)."
    )
    max_body_mb: int = setting(100, "Largest upload a request may carry (MiB); bigger ones get 413.", int)
    max_note_kb: int = setting(2048, "Largest note, form or JSON body a request may carry (KiB).", int)
    preload_model: bool = setting(True, "serve loads the embedding model at start, not at first use.", _bool)
    forwarded_allow_ips: str = setting(
        "127.0.0.1", "Proxies trusted for X-Forwarded-For/-Proto (comma list)."
    )
    plan_slack_every: int = setting(7, "Study plans keep every Nth day free to catch up (0: none).", int)
    plan_practice_minutes: int = setting(
        15, "Study plans: the shortest daily practice session (minutes).", int
    )
    plan_card_minutes: float = setting(1.0, "Study plans: minutes one due practice card takes.", float)
    plan_mock_minutes: int = setting(45, "Study plans: length of each mock interview in the last days.", int)

    @property
    def db_url(self) -> str:
        """The database URL, defaulting to the SQLite library in the data dir."""
        return self.db or f"sqlite:///{self.home / 'library.db'}"

    @property
    def pdf_dir(self) -> Path:
        """Where downloaded PDFs are kept."""
        return self.home / "pdfs"

    @property
    def config_file(self) -> Path:
        """The optional TOML config file."""
        return self.home / "config.toml"


SETTINGS: tuple[Setting, ...] = tuple(
    Setting(f.name, f.default, f.metadata["help"], f.metadata["parse"])
    for f in fields(Settings)
    if f.metadata
)
"""Every setting, in the order of the fields (what docs/settings.md lists)."""

_BY_NAME = {s.name: s for s in SETTINGS}


def _parse(setting: Setting, raw: Any, origin: str) -> Any:
    if not isinstance(raw, str):
        raw = str(raw).lower() if isinstance(raw, bool) else str(raw)
    try:
        return setting.parse(raw)
    except ValueError as exc:
        raise ConfigError(f"{origin}: invalid value for {setting.name}: {exc}") from None


def load_settings(environ: Mapping[str, str] | None = None, home: Path | None = None) -> Settings:
    """Resolve every setting from the environment, ``config.toml`` and defaults.

    Raises:
        ConfigError: on an unreadable config file, an unknown key or a bad value.
    """
    env = os.environ if environ is None else environ
    if home is None:
        home = Path(env["PAPERPASS_HOME"]).expanduser() if env.get("PAPERPASS_HOME") else default_home()
    values: dict[str, Any] = {}
    config_file = home / "config.toml"
    if config_file.is_file():
        try:
            data = tomllib.loads(config_file.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{config_file}: not valid TOML: {exc}") from None
        for key, raw in data.items():
            if key not in _BY_NAME:
                raise ConfigError(f"{config_file}: unknown setting {key!r}")
            values[key] = _parse(_BY_NAME[key], raw, str(config_file))
    for setting in SETTINGS:
        if setting.env in env:
            values[setting.name] = _parse(setting, env[setting.env], setting.env)
    return Settings(home=home, **values)
