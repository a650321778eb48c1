"""The TUI's "what works" screen, on a real store: the core circle, the rates, and the calendar action."""

from __future__ import annotations

import asyncio
import io

from tests.support.book import TODAY, build_book


def plain(static) -> str:
    from rich.console import Console

    console = Console(width=200, record=True, color_system=None, file=io.StringIO())
    console.print(static.content)
    return console.export_text()


def test_report_screen_shows_the_circle_and_writes_the_calendar(store):
    from textual.widgets import Static

    from assistant.config import Settings
    from assistant.tui.app import make_app
    from assistant.tui.screens.report import ReportScreen

    build_book(store)
    settings = Settings()
    app = make_app(settings, store=store, today=TODAY, offline=True)
    seen: dict[str, str] = {}

    async def go():
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("o")
            await pilot.pause()
            assert isinstance(app.screen, ReportScreen)
            await app.workers.wait_for_complete()
            await pilot.pause()
            seen["circle"] = plain(app.screen.query_one("#report-circle", Static))
            seen["works"] = plain(app.screen.query_one("#report-works", Static))
            await pilot.press("p")
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            seen["after"] = type(app.screen).__name__

    asyncio.run(go())
    assert "Core circle" in seen["circle"] and "Mei Lin" in seen["circle"]
    assert "touches" in seen["works"] or "No touches" in seen["works"]
    assert (settings.home / "plan.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert seen["after"] != "ReportScreen"
