"""Prompt templates live as files in prompts/ at the repository root, with `$name` placeholders. The package
reaches them as `assistant/prompts` (in a checkout a symlink to ../prompts; in an installed wheel the files
themselves) through importlib.resources.

`prompt("draft_system")` is the file prompts/draft_system.md with its id, the sha256 of its content and the
variables it declares, so every stored draft can say exactly which prompt text produced it. Rendering fails
loudly on a missing file, a missing variable, or a variable given that the template does not use, so a renamed
placeholder cannot silently ship an empty slot. `load_prompt(name, **values)` is the one-line form.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from string import Template

REPO_PROMPTS = Path(__file__).resolve().parents[2] / "prompts"


def prompts_dir():
    """Where the prompt files are: the package's `prompts` (a wheel, or the checkout's symlink), else the
    checkout's prompts/ (a checkout where the symlink was not made, e.g. on a file system without them)."""
    from importlib.resources import files

    packaged = files("assistant") / "prompts"
    if packaged.is_dir():
        return packaged
    return REPO_PROMPTS


PROMPTS_DIR = REPO_PROMPTS  # the source of truth in a checkout (tests, evals)


class PromptError(KeyError):
    def __str__(self) -> str:  # KeyError quotes its message; this one is a sentence
        return str(self.args[0])


@dataclass(frozen=True)
class PromptFile:
    id: str  # the file's stem, e.g. "draft_system"
    path: Path
    sha256: str  # of the file's bytes
    variables: frozenset[str]
    text: str = ""

    @property
    def short_hash(self) -> str:
        return self.sha256[:12]

    def render(self, **values: object) -> str:
        """The template filled in, from exactly the text that was hashed."""
        missing = self.variables - set(values)
        if missing:
            raise PromptError(f"{self.path}: no value for ${', $'.join(sorted(missing))}")
        unused = set(values) - self.variables
        if unused:
            raise PromptError(f"{self.path}: the template has no ${', $'.join(sorted(unused))}")
        return Template(self.text).substitute(values)


def prompt(name: str, directory: Path | None = None) -> PromptFile:
    path = (directory or prompts_dir()) / f"{name}.md"
    try:
        data = path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        raise PromptError(f"prompt file {path} not found") from None
    text = data.decode("utf-8")
    template = Template(text)
    names = {m.group("named") or m.group("braced") for m in template.pattern.finditer(template.template)} - {None}
    return PromptFile(name, path, hashlib.sha256(data).hexdigest(), frozenset(names), text)


def load_prompt(name: str, directory: Path | None = None, **values: object) -> str:
    return prompt(name, directory).render(**values)


def combined_hash(*files: PromptFile) -> str:
    """One hash for a draft made with several prompt files (e.g. the draft prompt and the fix-up prompt)."""
    h = hashlib.sha256()
    for f in files:
        h.update(f.id.encode() + b"\0" + f.sha256.encode() + b"\0")
    return h.hexdigest()
