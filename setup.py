"""Only what pyproject.toml cannot say: prompts/ (the prompt templates' one home, at the top level) ships inside the
package as `assistant/prompts/`, so an installed wheel loads them through importlib.resources
(assistant/llm/prompts.py). Everything else is in pyproject.toml."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["assistant", "assistant.*"]), "assistant.prompts"],
    package_dir={"assistant.prompts": "prompts"},
    package_data={"assistant": ["py.typed", "tui/*.tcss", "tui/screens/*.tcss"], "assistant.prompts": ["*.md"]},
)
