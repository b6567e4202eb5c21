"""Settings with defaults, read from TOML; where the config and the database live."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from reader.errors import ConfigError

APP_NAME = "wirereader"
CONFIG_ENV = "WIREREADER_CONFIG"
DB_ENV = "WIREREADER_DB"


def default_config_path() -> Path:
    """The config file: $WIREREADER_CONFIG, else the platform config dir."""
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env)
    import platformdirs  # ~8 ms of imports, which a refresh given --db and --config never needs

    return platformdirs.user_config_path(APP_NAME) / "config.toml"


def default_db_path() -> Path:
    """The database: $WIREREADER_DB, else the platform data dir."""
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env)
    import platformdirs

    return platformdirs.user_data_path(APP_NAME) / "reader.db"


class NetworkConfig(NamedTuple):
    """How the poller and page fetcher behave."""

    jobs: int = 32
    per_host: int = 4
    timeout: float = 15.0
    enrich_jobs: int = 8
    refresh_minutes: int = 30


class UIConfig(NamedTuple):
    """How the terminal UI looks and which keys it uses."""

    theme: str = "textual-dark"
    keys: Mapping[str, str] = MappingProxyType({})


class Config(NamedTuple):
    """All settings; every field has a default."""

    network: NetworkConfig = NetworkConfig()
    ui: UIConfig = UIConfig()
    browser: str | None = None


def _build(cls: type[Any], table: dict[str, Any], where: str) -> Any:
    defaults = cls()
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in cls._fields:
            raise ConfigError(f"unknown setting {where}{key!r}; known: {', '.join(sorted(cls._fields))}")
        default = getattr(defaults, key)
        if isinstance(value, dict) and hasattr(default, "_fields"):  # a table of settings of its own
            values[key] = _build(type(default), value, f"{where}{key}.")
            continue
        expected = dict if isinstance(default, Mapping) else type(default) if default is not None else str
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, expected) or isinstance(value, bool) != (expected is bool):
            raise ConfigError(f"setting {where}{key} must be {expected.__name__}, got {value!r}")
        minimum = _MINIMUMS.get(f"{where}{key}")
        if minimum is not None and isinstance(value, int | float) and value < minimum:
            raise ConfigError(f"setting {where}{key} must be at least {minimum}, got {value!r}")
        values[key] = value
    return cls(**values)


# The smallest value that makes sense for each numeric setting.
_MINIMUMS: dict[str, float] = {
    "network.jobs": 1,
    "network.per_host": 1,
    "network.timeout": 0.1,
    "network.enrich_jobs": 1,
    "network.refresh_minutes": 1,
}


def load_config(path: Path | None = None) -> Config:
    """Read the config file; a missing file means all defaults. Raises ConfigError naming key or line."""
    path = path or default_config_path()
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config()
    except OSError as error:
        raise ConfigError(f"cannot read config {path}: {error.strerror}") from error
    try:
        table = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: {error}") from error
    config: Config = _build(Config, table, "")
    return config
