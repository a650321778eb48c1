"""`StageBars`: one labelled progress bar per stage of a job (chunking, embedding, interests, importing a
file...); each `WorkProgress` updates its stage's bar. Used by the import screen and by the queue while the
first search index is built."""

from __future__ import annotations

from textual.containers import Horizontal, Vertical
from textual.widgets import Label, ProgressBar


class StageBars(Vertical):
    DEFAULT_CSS = """
    StageBars { height: auto; }
    StageBars .stage { height: 1; }
    StageBars .stage Label { width: 12; }
    StageBars .stage ProgressBar { width: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.bars: dict[str, ProgressBar] = {}

    def update_stage(self, label: str, done: int, total: int) -> None:
        bar = self.bars.get(label)
        if bar is None:
            bar = ProgressBar(total=max(1, total), show_eta=True)
            self.bars[label] = bar
            self.mount(Horizontal(Label(label), bar, classes="stage"))
        bar.update(total=max(1, total), progress=done)

    def clear(self) -> None:
        for stage in self.query(".stage"):
            stage.remove()
        self.bars.clear()
