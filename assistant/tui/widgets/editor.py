"""`DraftEditor`: the TextArea the queue edits drafts in, with Ctrl+A selecting all (as in every other editor;
Textual's default moves to the line start, which stays on Home)."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import TextArea


class DraftEditor(TextArea):
    BINDINGS = [
        Binding("ctrl+a", "select_all", "Select all", id="editor.select_all",
                tooltip="Select the whole text"),
    ]
