"""Settings: defaults, config.toml, environment precedence, bad values."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from paperpass.config import SETTINGS, Settings, load_settings
from paperpass.errors import ConfigError


def test_home_comes_from_paperpass_home(isolated_env: Path) -> None:
    settings = load_settings()
    assert settings.home == isolated_env
    assert settings.db_url == f"sqlite:///{isolated_env / 'library.db'}"
    assert settings.port == 8765 and settings.host == "127.0.0.1"


def test_config_toml_is_read_and_environment_wins(
    isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolated_env.mkdir(parents=True)
    (isolated_env / "config.toml").write_text('port = 9000\ndb = "sqlite:///elsewhere.db"\nhost = "::1"\n')
    monkeypatch.setenv("PAPERPASS_PORT", "9100")
    settings = load_settings()
    assert settings.port == 9100
    assert settings.db_url == "sqlite:///elsewhere.db"
    assert settings.host == "::1"


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("port = ", "not valid TOML"),
        ("colour = 1", "unknown setting 'colour'"),
        ('port = "x"', "invalid value"),
    ],
)
def test_bad_config_file_is_a_one_line_error(isolated_env: Path, toml: str, message: str) -> None:
    isolated_env.mkdir(parents=True)
    (isolated_env / "config.toml").write_text(toml)
    with pytest.raises(ConfigError, match=message):
        load_settings()


def test_bad_environment_value(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAPERPASS_SEED_GUIDE", "maybe")
    with pytest.raises(ConfigError, match="PAPERPASS_SEED_GUIDE"):
        load_settings()


def test_every_setting_is_documented() -> None:
    docs = (Path(__file__).resolve().parents[1] / "docs" / "settings.md").read_text(encoding="utf-8")
    undocumented = [s.env for s in SETTINGS if f"`{s.env}`" not in docs]
    assert undocumented == []


def test_each_setting_arrives_with_its_declared_type(isolated_env: Path) -> None:
    """Values from the environment and config.toml are parsed to the field's type (no call site re-casts)."""
    kinds = {f.name: f.type for f in fields(Settings)}
    samples = {
        "bool": ("false", False),
        "int": ("7", 7),
        "float": ("0.75", 0.75),
        "str": ("lexical", "lexical"),
    }
    environ = {"PAPERPASS_HOME": str(isolated_env)}
    for setting in SETTINGS:
        environ[setting.env] = samples[kinds[setting.name]][0]
    loaded = load_settings(environ)
    for setting in SETTINGS:
        value = getattr(loaded, setting.name)
        assert value == samples[kinds[setting.name]][1] and type(value).__name__ == kinds[setting.name]
    isolated_env.mkdir(parents=True)
    (isolated_env / "config.toml").write_text("port = 9001\nsession_days = 2\ncookie_secure = true\n")
    from_file = load_settings({"PAPERPASS_HOME": str(isolated_env)})
    assert (from_file.port, from_file.session_days, from_file.cookie_secure) == (9001, 2.0, True)
    assert isinstance(from_file.session_days, float)
