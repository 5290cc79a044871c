"""The one way settings are read: typed frozen dataclasses (validated by pydantic) whose from_env() reads
their env vars through pydantic-settings. Every package's settings (index, bot, web) are built on it."""
from __future__ import annotations

import dataclasses
import functools
from typing import Annotated, Any, ClassVar

from pydantic import Field, create_model
from pydantic.dataclasses import dataclass as pydantic_dataclass
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

# Settings objects are plain frozen dataclasses to their users (attribute access, keyword constructors,
# dataclasses.replace), with pydantic's type coercion and validators on construction.
settings_dataclass = functools.partial(pydantic_dataclass, frozen=True)


def env_field(default: Any = dataclasses.MISSING, *, env: str | None = None, **kw: Any) -> Any:
    """A settings field whose env var is `env` instead of the class's prefix + the field name in capitals."""
    metadata = {"env": env} if env else {}
    if default is dataclasses.MISSING:
        return dataclasses.field(metadata=metadata, **kw)
    return dataclasses.field(default=default, metadata=metadata, **kw)


@functools.cache
def _reader(cls: type) -> type[BaseSettings]:
    """A pydantic-settings model that reads the raw env value of every field of `cls` (None when unset or
    empty); the dataclass itself then types and validates them, so flags and env vars share one set of rules."""
    fields: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        env = f.metadata.get("env")
        fields[f.name] = (Annotated[Any, NoDecode], Field(default=None, validation_alias=env) if env else None)
    base = type(f"{cls.__name__}EnvBase", (BaseSettings,), {"model_config": SettingsConfigDict(
        env_prefix=getattr(cls, "ENV_PREFIX", "BOT_"), env_ignore_empty=True, extra="ignore")})
    return create_model(f"{cls.__name__}Env", __base__=base, **fields)


class FromEnv:
    """Mixin of the settings dataclasses: from_env() and the env var prefix."""

    ENV_PREFIX: ClassVar[str] = "BOT_"

    @classmethod
    def from_env(cls, **overrides: Any):
        """Settings from env vars, then explicit overrides (None = keep)."""
        env = cls.prepare({k: v for k, v in _reader(cls)().model_dump().items() if v is not None})
        return cls(**cls.prepare({**env, **{k: v for k, v in overrides.items() if v is not None}}))

    @classmethod
    def prepare(cls, values: dict[str, Any]) -> dict[str, Any]:
        """Turn values that set several fields at once (one env var, one flag) into those fields."""
        return values
