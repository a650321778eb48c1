"""The LLM layer: a chat-model factory for any OpenAI-compatible endpoint, error translation, prompt files.

Importing this package is cheap; `langchain_openai` is imported by `chat_model()` on first use.
"""

from assistant.llm.client import (
    LLMError,
    LLMNotConfigured,
    chat_model,
    describe_error,
    is_configured,
)
from assistant.llm.calls import ContextTooSmall, deadline, invoke, show_progress, text_of
from assistant.llm.prompts import PromptError, load_prompt

__all__ = ["ContextTooSmall", "deadline", "invoke", "show_progress", "text_of", "LLMError", "LLMNotConfigured", "PromptError", "chat_model", "describe_error", "is_configured", "load_prompt"]
