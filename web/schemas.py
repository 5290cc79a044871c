"""HTTP request and response models. The response models are derived from bot's types (Answer, Citation),
so the documented schema and what /api/ask returns cannot drift apart."""
from __future__ import annotations

import dataclasses
import typing
from typing import Any, Literal

from pydantic import BaseModel, Field, create_model, field_validator

from bot.citations import Citation
from bot.models import Answer
from bot.pipeline.normalise import trim

from web.settings import MAX_QUESTION_CHARS


def model_of(cls: type, name: str, order: list[str] | None = None, **replace: Any) -> type[BaseModel]:
    """A pydantic model with the fields of a dataclass (same names, types and defaults), in `order` when given
    (the key order of the JSON it documents); `replace` swaps a field's type (for nested models)."""
    hints = typing.get_type_hints(cls)
    rank = {n: i for i, n in enumerate(order or [])}
    fields: dict[str, Any] = {}
    for f in sorted(dataclasses.fields(cls), key=lambda f: rank.get(f.name, len(rank))):
        kind = replace.get(f.name, hints[f.name])
        if f.default is not dataclasses.MISSING:
            fields[f.name] = (kind, f.default)
        elif f.default_factory is not dataclasses.MISSING:
            fields[f.name] = (kind, Field(default_factory=f.default_factory))
        else:
            fields[f.name] = (kind, ...)
    return create_model(name, __doc__=cls.__doc__, **fields)


CitationOut = model_of(Citation, "CitationOut")
# The same JSON as one line of `python -m bot ask --jsonl`: every field of bot.models.Answer.
AnswerOut = model_of(Answer, "AnswerOut", order=list(Answer("", False).to_json()), citations=list[CitationOut])


class TurnIn(BaseModel):
    """One earlier message of the conversation."""

    role: Literal["user", "assistant"]
    content: str = Field(max_length=8000)


class AskRequest(BaseModel):
    """A question, optionally with the conversation so far (oldest first)."""

    question: str = Field(description=f"1 to {MAX_QUESTION_CHARS} characters",
                          json_schema_extra={"minLength": 1, "maxLength": MAX_QUESTION_CHARS},
                          examples=["这份文件提出了哪些行动？"])
    history: list[TurnIn] = Field(default_factory=list, max_length=40)

    @field_validator("question")
    @classmethod
    def _question_length(cls, v: str) -> str:
        v = trim(v)  # padding and invisible characters do not count against the limit
        if not v:
            raise ValueError("问题不能为空 (question must not be empty)")
        if len(v) > MAX_QUESTION_CHARS:
            raise ValueError(f"问题过长：最多 {MAX_QUESTION_CHARS} 个字符，收到 {len(v)} 个 "
                             f"(question too long: at most {MAX_QUESTION_CHARS} characters)")
        return v


class ErrorOut(BaseModel):
    """Every error: one human-readable message."""

    detail: str
