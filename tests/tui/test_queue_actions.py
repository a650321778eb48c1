"""Every review action driven through the real keys with Textual's Pilot, asserted on the SQLite store afterwards
(and on the screen). Workers are awaited (`app.workers.wait_for_complete()`), never slept on."""

import asyncio
import time
from datetime import UTC, datetime

from textual.widgets import OptionList, Static, TextArea

from assistant.store import drafts as repo
from assistant.tui.screens.queue import QueueScreen
from tests.tui.conftest import SIZE


def run(app, body):
    async def go():
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await body(pilot, app.screen)

    asyncio.run(go())


def plain(static: Static) -> str:
    import io

    from rich.console import Console

    console = Console(width=200, record=True, color_system=None, file=io.StringIO())
    console.print(static.content)
    return console.export_text()


def rows(store, sql, *args):
    return store.db.execute(sql, args).fetchall()


def test_first_paint_shows_the_queue_and_the_first_draft(app, store, drafted):
    async def body(pilot, screen):
        assert isinstance(screen, QueueScreen)
        table = screen.query_one("#queue", OptionList)
        assert table.option_count == 4
        shown = screen.current
        assert shown.id == screen.drafts[0].id
        assert shown.text in plain(screen.query_one("#d-text", Static))
        context = plain(screen.query_one("#d-context", Static))
        assert "Why now" in context and "From your history" in context and "Checks" in context
        cited = rows(store, "SELECT ts, text FROM messages WHERE id = ?", shown.cited_ids[0])[0]
        day = datetime.fromtimestamp(cited["ts"], UTC).strftime("%Y-%m-%d")
        assert day in context  # the cited snippet with its date
        await pilot.press("down")
        assert screen.current.id == screen.drafts[1].id

    run(app, body)


def test_approve_copies_marks_sent_and_logs_the_interaction(app, store):
    async def body(pilot, screen):
        d = screen.current
        before = int(time.time())
        await pilot.press("a")
        stored = repo.get(store, d.id)
        assert stored.status == "sent" and stored.final_text == d.text and stored.sent_at >= before
        logged = rows(store, "SELECT text, direction FROM messages WHERE channel = 'outreach' AND contact_id = ?",
                      d.contact_id)
        assert [(r["text"], r["direction"]) for r in logged] == [(d.text, "out")]
        acts = rows(store, "SELECT action FROM ranking_actions WHERE contact_id = ?", d.contact_id)
        assert [r["action"] for r in acts] == ["contacted"]  # the cadence restarts
        assert app.clipboard == d.text
        assert d.id not in [x.id for x in screen.drafts]
        assert screen.query_one("#queue", OptionList).option_count == 3
        assert "Copied to the clipboard" in plain(screen.query_one("#status", Static))

    run(app, body)


def test_edit_is_kept_and_learnt_from_when_approved(app, store):
    async def body(pilot, screen):
        d = screen.current
        await pilot.press("e")
        editor = screen.query_one("#editor", TextArea)
        assert screen.editing and editor.has_focus and editor.text == d.text
        await pilot.press("a")  # typed into the editor, not an approval
        assert repo.get(store, d.id).status == "queued"
        await pilot.press("backspace", *" See you soon!")
        await pilot.press("ctrl+s")
        stored = repo.get(store, d.id)
        assert stored.text == d.text + " See you soon!" and stored.original_text == d.text
        assert stored.status == "queued" and not screen.editing
        await pilot.press("a")
        sent = repo.get(store, d.id)
        assert sent.status == "sent" and sent.final_text == d.text + " See you soon!"
        assert sent.similarity is not None and sent.similarity < 1.0  # the edit is recorded for learning

    run(app, body)


def test_escape_on_a_changed_edit_asks_before_discarding(app, store):
    from assistant.tui.screens.modals import ConfirmScreen

    async def body(pilot, screen):
        d = screen.current
        await pilot.press("e", "escape")  # nothing changed: leaves at once
        assert not screen.editing
        await pilot.press("e", *"xyz", "escape")
        assert isinstance(app.screen, ConfirmScreen) and screen.editing
        await pilot.press("n")  # keep editing: the text is still there
        assert screen.editing and screen.query_one("#editor", TextArea).text == d.text + "xyz"
        await pilot.press("escape", "y")
        assert not screen.editing and repo.get(store, d.id).text == d.text

    run(app, body)


def test_ctrl_a_selects_the_whole_draft_in_the_editor(app, store):
    async def body(pilot, screen):
        d = screen.current
        await pilot.press("e", "ctrl+a")
        editor = screen.query_one("#editor", TextArea)
        assert editor.selected_text == d.text
        await pilot.press(*"Hi!", "ctrl+s")
        assert repo.get(store, d.id).text == "Hi!"

    run(app, body)


def test_approving_a_held_draft_asks_and_shows_the_reason(app, store):
    from assistant.tui.screens.modals import ConfirmScreen

    async def body(pilot, screen):
        held = [d for d in screen.drafts if d.status == "held"]
        d = held[0] if held else screen.current
        if not held:  # hold one the way a guardrail does
            d.status, d.hold_reason = "held", "asks for money"
            repo.save(store, d)
            screen.reload(keep=d.id)
        await pilot.pause()
        assert screen.current.id == d.id
        await pilot.press("a")
        assert isinstance(app.screen, ConfirmScreen)
        assert (d.hold_reason or "a guardrail") in plain(app.screen.query_one("#confirm-body", Static))
        await pilot.press("n")
        assert repo.get(store, d.id).status == "held"
        await pilot.press("a", "y")
        assert repo.get(store, d.id).status == "sent" and app.clipboard == d.text

    run(app, body)


def test_undo_undoes_a_skip_too(app, store):
    async def body(pilot, screen):
        first = screen.current
        await pilot.press("e", *" ok", "ctrl+s")  # an edit, then a skip: undo takes back the skip first
        await pilot.press("n")
        assert screen.drafts[-1].id == first.id
        await pilot.press("u")
        assert screen.drafts[0].id == first.id and screen.current.id == first.id
        assert repo.get(store, first.id).text == first.text + " ok"  # the edit is still there
        await pilot.press("u")
        assert repo.get(store, first.id).text == first.text

    run(app, body)


def test_status_line_shows_the_whole_confirmation(app, store):
    async def body(pilot, screen):
        d = screen.current
        from rich.cells import cell_len

        long = "李伟，好久不见！" * 12
        await pilot.press("e")
        screen.query_one("#editor", TextArea).load_text(long)
        await pilot.press("ctrl+s", "a")
        await pilot.pause()
        status = screen.query_one("#status", Static)
        shown = plain(status)
        assert long in shown.replace("\n", "")
        assert status.size.height >= 2 and status.size.width * status.size.height >= cell_len(shown.strip())

    run(app, body)


def test_snooze_one_month(app, store):
    async def body(pilot, screen):
        d = screen.current
        now = int(time.time())
        await pilot.press("s")
        await pilot.press("2")
        await pilot.pause()
        stored = repo.get(store, d.id)
        assert stored.status == "snoozed"
        assert abs(stored.snooze_until - (now + 30 * 86_400)) < 120
        assert d.id not in [x.id for x in screen.drafts]

    run(app, body)


def test_snooze_until_a_date(app, store):
    async def body(pilot, screen):
        d = screen.current
        await pilot.press("s", "d", *"2025-06-01", "enter")
        await pilot.pause()
        stored = repo.get(store, d.id)
        assert stored.status == "snoozed"
        assert stored.snooze_until == int(datetime(2025, 6, 1, tzinfo=UTC).timestamp())

    run(app, body)


def test_snooze_rejects_a_past_date_and_keeps_the_draft(app, store):
    async def body(pilot, screen):
        d = screen.current
        await pilot.press("s", "d", *"2024-01-01", "enter")
        await pilot.pause()
        assert "not in the future" in plain(app.screen.query_one("#snooze-error", Static))
        await pilot.press("escape")
        assert repo.get(store, d.id).status == "queued"

    run(app, body)


def test_dismiss_rests_the_contact(app, store):
    async def body(pilot, screen):
        d = screen.current
        await pilot.press("x")
        assert repo.get(store, d.id).status == "dismissed"
        acts = rows(store, "SELECT action FROM ranking_actions WHERE contact_id = ?", d.contact_id)
        assert [r["action"] for r in acts] == ["dismiss"]  # the cool-down in the ranking

    run(app, body)


def test_skip_moves_the_draft_to_the_end_and_changes_nothing(app, store):
    async def body(pilot, screen):
        first = screen.current
        await pilot.press("n")
        assert screen.drafts[-1].id == first.id and screen.current.id != first.id
        assert repo.get(store, first.id).status == "queued"

    run(app, body)


def test_regenerate_offline_with_an_instruction(app, store):
    async def body(pilot, screen):
        old = screen.current
        await pilot.press("r")
        await pilot.press(*"shorter", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert repo.get(store, old.id).status == "replaced"
        new = rows(store, "SELECT id, status, instruction, source FROM drafts WHERE parent_id = ?", old.id)
        assert len(new) == 1 and new[0]["instruction"] == "shorter" and new[0]["source"] == "offline"
        assert screen.current.id == new[0]["id"]

    run(app, body)


def test_undo_approve_restores_the_draft_and_removes_the_logged_interaction(app, store):
    async def body(pilot, screen):
        d = screen.current
        await pilot.press("a", "u")
        stored = repo.get(store, d.id)
        assert stored.status == "queued" and stored.final_text is None and stored.sent_at is None
        assert stored.text == d.text
        assert not rows(store, "SELECT 1 FROM messages WHERE channel = 'outreach'")
        assert not rows(store, "SELECT 1 FROM ranking_actions")
        assert screen.current.id == d.id
        assert "Undone" in plain(screen.query_one("#status", Static))

    run(app, body)


def test_undo_dismiss_snooze_edit_and_regenerate_in_turn(app, store):
    async def body(pilot, screen):
        d = screen.current
        await pilot.press("e", *" ok", "ctrl+s")
        await pilot.press("s", "1")
        await pilot.pause()
        assert repo.get(store, d.id).status == "snoozed"
        await pilot.press("u")
        assert repo.get(store, d.id).status == "queued" and repo.get(store, d.id).snooze_until is None
        await pilot.press("u")
        assert repo.get(store, d.id).text == d.text  # the edit is undone too
        await pilot.press("x", "u")
        assert repo.get(store, d.id).status == "queued"
        assert not rows(store, "SELECT 1 FROM ranking_actions")
        await pilot.press("r", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert rows(store, "SELECT 1 FROM drafts WHERE parent_id = ?", d.id)
        await pilot.press("u")
        assert repo.get(store, d.id).status == "queued"
        assert not rows(store, "SELECT 1 FROM drafts WHERE parent_id = ?", d.id)  # the new version is gone
        await pilot.press("u")
        assert "Nothing to undo" in plain(screen.query_one("#status", Static))

    run(app, body)


def test_empty_queue_says_what_to_do(store, world):
    from assistant.config import Settings
    from assistant.tui.app import make_app
    from tests.drafting.world import TODAY

    app = make_app(Settings(), store=store, today=TODAY, offline=True)

    async def body(pilot, screen):
        assert "Nothing waiting" in plain(screen.query_one("#d-head", Static))
        await pilot.press("a", "x", "s")  # nothing to act on: no error, nothing written
        assert not rows(store, "SELECT 1 FROM drafts")
        await pilot.press("m")  # draft for the top of the ranking
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(rows(store, "SELECT 1 FROM drafts WHERE status IN ('queued', 'held')")) == 5
        assert screen.query_one("#queue", OptionList).option_count == 5

    run(app, body)
