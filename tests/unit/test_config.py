"""Settings have defaults, come from TOML, and bad ones are named."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.config import Config, default_config_path, default_db_path, load_config
from reader.errors import ConfigError


def test_a_missing_file_means_every_default(tmp_path: Path) -> None:
    assert load_config(tmp_path / "none.toml") == Config()


def test_values_from_the_file_override_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('browser = "firefox"\n[network]\njobs = 8\ntimeout = 3\n[ui.keys]\nsave = "ctrl+s"\n')
    config = load_config(path)
    assert (config.network.jobs, config.network.timeout, config.network.per_host) == (8, 3.0, 4)
    assert config.ui.keys == {"save": "ctrl+s"} and config.browser == "firefox"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[network]\nspeed = 3\n", "unknown setting network.'speed'"),
        ("[network]\njobs = true\n", "network.jobs must be int"),
        ("[network\n", "line 1"),
        ("[network]\ntimeout = -1\n", "network.timeout must be at least 0.1"),
        ("[network]\njobs = 0\n", "network.jobs must be at least 1"),
        ("[ui]\ntheme = { name = 1 }\n", "ui.theme must be str"),
        ("network = 3\n", "network must be NetworkConfig"),
    ],
)
def test_a_bad_setting_is_named(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=message.replace(".", r"\.").replace("'", "'")):
        load_config(path)


def test_environment_variables_choose_the_config_and_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WIREREADER_CONFIG", str(tmp_path / "x.toml"))
    monkeypatch.setenv("WIREREADER_DB", str(tmp_path / "x.db"))
    assert (default_config_path(), default_db_path()) == (tmp_path / "x.toml", tmp_path / "x.db")
