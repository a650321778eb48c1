"""Drafting: context under a token budget, the model and offline drafters, guardrails, learning from edits."""
