"""Prompt files from the repository's prompts/ folder, rendered strictly."""
from __future__ import annotations

import string
from functools import lru_cache
from importlib import resources

# prompts/ is a package of its own (package data), so a wheel ships it like the code.
PROMPTS_PACKAGE = "prompts"


class PromptError(ValueError):
    """A prompt file is missing, or its variables do not match the values given."""


@lru_cache(maxsize=None)
def load_prompt(name: str) -> str:
    """The text of prompts/<name>.txt."""
    path = resources.files(PROMPTS_PACKAGE) / f"{name}.txt"
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise PromptError(f"prompt file {path} not found") from exc


def variables(template: str) -> set[str]:
    """The names of the {placeholders} of a template."""
    names = set()
    for _, field, spec, conversion in string.Formatter().parse(template):
        if field is None:
            continue
        # Only bare names: attribute/index access or format specs in a prompt are typos, not features.
        if not field.isidentifier() or spec or conversion:
            raise PromptError(f"placeholder {{{field}}} must be a bare name")
        names.add(field)
    return names


def render(template: str, **values: str) -> str:
    """Fill a template; a missing or an unused value is an error."""
    wanted = variables(template)
    missing, unused = wanted - values.keys(), values.keys() - wanted
    if missing or unused:
        raise PromptError(f"prompt variables do not match: missing {sorted(missing)}, unused {sorted(unused)}")
    return template.format(**values)


def render_prompt(name: str, **values: str) -> str:
    """Load prompts/<name>.txt and fill it strictly."""
    return render(load_prompt(name), **values)
