"""The user's own data: keep the data folder private, export everything, forget a contact."""

from __future__ import annotations

from assistant.store.export import forget_contact, write_export
from assistant.store.permissions import is_private, make_private

__all__ = ["forget_contact", "is_private", "make_private", "write_export"]
