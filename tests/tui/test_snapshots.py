"""Snapshots (pytest-textual-snapshot) at a fixed terminal size, on the fixed test world (today 2025-03-10).
Update after a deliberate change with `pytest tests/tui --snapshot-update`, then look at the SVGs."""

from assistant.tui.app import make_app
from tests.tui.conftest import SIZE


async def _settle(pilot):
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_queue(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=_settle)


def test_queue_second_draft_light_theme(snap_compare, service):
    assert snap_compare(make_app(service=service, light=True), press=["down"], terminal_size=SIZE, run_before=_settle)


def test_queue_editing(snap_compare, app):
    assert snap_compare(app, press=["e"], terminal_size=SIZE, run_before=_settle)


def test_contact_view(snap_compare, app):
    async def open_contact(pilot):
        await pilot.press("c")
        await _settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=open_contact)


def test_ask_results(snap_compare, app):
    async def ask(pilot):
        pilot.app.action_ask("who should I reconnect with this month?")
        await pilot.pause()
        await _settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=ask)


def test_help_screen(snap_compare, app):
    assert snap_compare(app, press=["f1"], terminal_size=SIZE, run_before=_settle)


def test_snooze_dialog(snap_compare, app):
    assert snap_compare(app, press=["s"], terminal_size=SIZE, run_before=_settle)
