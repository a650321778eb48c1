"""Snapshots (pytest-textual-snapshot) at a small (80x24) and a large (160x48) terminal, on the fixed test world
(today 2025-03-10). Update after a deliberate change with `pytest tests/tui --snapshot-update`, then look at
the SVGs."""

import pytest

from assistant.tui.app import make_app
from tests.tui.conftest import settle

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 48), id="160x48")]


async def _settle(pilot):
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_queue(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, run_before=_settle)


@pytest.mark.parametrize("size", SIZES)
def test_queue_second_draft_light_theme(snap_compare, service, size):
    assert snap_compare(make_app(service=service, light=True), press=["down"], terminal_size=size, run_before=_settle)


@pytest.mark.parametrize("size", SIZES)
def test_queue_editing(snap_compare, app, size):
    assert snap_compare(app, press=["e"], terminal_size=size, run_before=_settle)


@pytest.mark.parametrize("size", SIZES)
def test_contact_view(snap_compare, app, size):
    async def open_contact(pilot):
        await pilot.press("c")
        await _settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=open_contact)


@pytest.mark.parametrize("size", SIZES)
def test_ask_results(snap_compare, app, size):
    async def ask(pilot):
        pilot.app.action_ask("who should I reconnect with this month?")
        await pilot.pause()
        await settle(pilot, lambda: pilot.app.screen.answer is not None)
        await pilot.press("space")  # one ticked, the others not: both states must be readable

    assert snap_compare(app, terminal_size=size, run_before=ask)


@pytest.mark.parametrize("size", SIZES)
def test_help_screen(snap_compare, app, size):
    assert snap_compare(app, press=["f1"], terminal_size=size, run_before=_settle)


@pytest.mark.parametrize("size", SIZES)
def test_snooze_dialog(snap_compare, app, size):
    assert snap_compare(app, press=["s"], terminal_size=size, run_before=_settle)


@pytest.mark.parametrize("size", SIZES)
def test_announcement_screen(snap_compare, service, size):
    app = make_app(service=service, start="rewrite", announcement="周六上午九点在奥森南门集合，一起骑行 40 公里。")
    assert snap_compare(app, terminal_size=size, run_before=_settle)


@pytest.mark.parametrize("size", SIZES)
def test_announcement_rewritten(snap_compare, service, size):
    app = make_app(service=service, start="rewrite", announcement="周六上午九点在奥森南门集合，一起骑行 40 公里。")
    assert snap_compare(app, press=["ctrl+r"], terminal_size=size, run_before=_settle)
