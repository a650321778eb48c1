"""`FittingFooter`: Textual's footer, less some keys on narrow terminals (under 110 columns) so that it fits an
80-column one: the app-wide Quit and Theme, and the keys a screen marks optional (`FOOTER_OPTIONAL`, action
names). Every key still works, and Help (?) and the command palette (Ctrl+P) list them all."""

from __future__ import annotations

from textual.widgets import Footer
from textual.widgets._footer import FooterKey

NARROW = 110
APP_OPTIONAL = ("quit", "toggle_theme", "app.quit", "app.toggle_theme")


class FittingFooter(Footer):
    def compose(self):
        narrow = self.app.size.width < NARROW
        hidden = {*APP_OPTIONAL, *getattr(self.screen, "FOOTER_OPTIONAL", ())} if narrow else set()
        for widget in super().compose():
            if hidden and isinstance(widget, FooterKey) and widget.action in hidden:
                continue
            yield widget

    def on_resize(self) -> None:
        self.call_after_refresh(self.screen.refresh_bindings)  # recompose for the new width
