"""Agents over the store and retrieval: questions (`ask`) with tools and a deterministic router."""
