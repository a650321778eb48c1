"""Regenerate with a model (tokens streamed from the loopback OpenAI-protocol server into the view), a failing
model call (the queue is kept), the ask screen (answer -> drafts), the contact view and its search, the help
screen, the import screen with progress, and the rule that the TUI's service never imports Textual."""

import asyncio
import json
import subprocess
import sys

from textual.widgets import DataTable, OptionList, SelectionList, Static

from assistant.store import drafts as repo
from assistant.config import Settings
from assistant.tui.app import make_app
from assistant.tui.events import TokenArrived
from assistant.tui.screens.ask import AskScreen
from assistant.tui.screens.contact import ContactScreen
from assistant.tui.screens.help import HelpScreen, all_bindings
from assistant.tui.screens.importer import ImportScreen
from assistant.tui.screens.queue import QueueScreen
from tests.drafting.world import TODAY
from tests.paths import FIXTURES
from tests.support.openai_server import Reply
from tests.tui.conftest import SIZE, settle
from tests.tui.test_queue_actions import plain, rows

LIWEI = "好久不见！听说 HSBC 那个老清算系统终于下线了，我们当年切换完它还跑了五年。最近怎么样？"


def draft_reply(text: str, ids: list[int]) -> Reply:
    return Reply.text(json.dumps({"text": text, "language": "zh", "hook": "HSBC 清算系统下线", "cited_ids": ids,
                                  "rationale": "picks up the HSBC news"}, ensure_ascii=False))


def judge_ok() -> Reply:
    return Reply.text(json.dumps({"ask": False, "category": "none", "evidence": ""}))


async def _select(pilot, screen, name: str):
    row = next(i for i, d in enumerate(screen.drafts) if d.contact_name == name)
    screen.query_one("#queue", OptionList).highlighted = row
    await pilot.pause()
    assert screen.current.contact_name == name
    return screen.current


def _recording():
    """A spy for QueueScreen.on_token_arrived recording every token the screen handles."""
    seen: list[str] = []
    original = QueueScreen.on_token_arrived

    def spy(self, message):
        seen.append(message.text)
        return original(self, message)

    return seen, spy


def test_regenerate_streams_tokens_from_the_model_and_stores_the_new_draft(store, drafted, world, llm_env, monkeypatch):
    hook = world["hook:李伟"]
    llm_env.push(draft_reply(LIWEI, [hook]), judge_ok())
    seen, spy = _recording()
    monkeypatch.setattr(QueueScreen, "on_token_arrived", spy)
    app = make_app(Settings(), store=store, today=TODAY)
    assert app.service.model_configured

    async def go():
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = app.screen
            old = await _select(pilot, screen, "李伟")
            await pilot.press("r", *"mention HSBC", "enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert llm_env.requests[0]["stream"] is True  # the drafting call streamed
            assert "stream" not in llm_env.requests[1] or not llm_env.requests[1]["stream"]  # the judge did not
            assert len(seen) > 1 and "".join(seen).startswith('{"text"')  # several tokens, in order
            assert repo.get(store, old.id).status == "replaced"
            new = repo.get(store, screen.current.id)
            assert new.parent_id == old.id and new.text == LIWEI and new.source == "llm"
            assert new.instruction == "mention HSBC" and new.status in ("queued", "held")
            assert LIWEI in plain(screen.query_one("#d-text", Static))
            assert "mention HSBC" in llm_env.requests[0]["messages"][1]["content"]

    asyncio.run(go())


def test_a_failing_model_call_keeps_the_queue(store, drafted, llm_env):
    llm_env.push(Reply.error(500, "boom"))
    app = make_app(Settings(), store=store, today=TODAY)
    before = [tuple(r) for r in rows(store, "SELECT id, status, text FROM drafts ORDER BY id")]

    async def go():
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = app.screen
            await pilot.press("r", "enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, QueueScreen) and not screen.has_class("streaming")
            assert "failed" in plain(screen.query_one("#status", Static))
            assert any("Regenerate failed" in (n.title or "") for n in app._notifications)
            assert screen.query_one("#queue", OptionList).option_count == 4

    asyncio.run(go())
    assert [tuple(r) for r in rows(store, "SELECT id, status, text FROM drafts ORDER BY id")] == before


def test_ask_offline_and_turn_the_answer_into_drafts(app, store, world):
    async def go():
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("slash", *"who should I reconnect with this month?", "enter")
            await pilot.pause()
            assert isinstance(app.screen, AskScreen)
            await settle(pilot, lambda: app.screen.answer is not None)
            screen = app.screen
            answer = plain(screen.query_one("#answer", Static))
            assert "Worth reconnecting with" in answer and "李伟" in answer
            names = [n for _, n in screen.people]
            assert names[:4] == ["李伟", "Anna Schmidt", "Claire Dubois", "Omar Haddad"]
            people = screen.query_one("#people", SelectionList)
            for name in ("Herr Weber", "王芳", "李伟"):  # 李伟 already has a draft waiting: the new one replaces it
                people.select(world[name])
            await pilot.press("d")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert "3 draft(s) added to the queue" in plain(screen.query_one("#status", Static))
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, QueueScreen) and app.screen.query_one("#queue", OptionList).option_count == 6

    asyncio.run(go())
    made = {r["contact_id"] for r in rows(store, "SELECT contact_id FROM drafts WHERE status = 'queued'")}
    assert {world["Herr Weber"], world["王芳"], world["李伟"]} <= made
    # one open draft per contact: 李伟's earlier draft was kept as replaced
    waiting = rows(store, "SELECT count(*) AS n FROM drafts WHERE contact_id = ? AND status IN ('queued', 'held', "
                          "'snoozed')", world["李伟"])
    assert waiting[0]["n"] == 1
    assert rows(store, "SELECT count(*) AS n FROM drafts WHERE contact_id = ? AND status = 'replaced'",
                world["李伟"])[0]["n"] >= 1


def test_ask_with_a_model_streams_the_answer(app, store, world, llm_env):
    from assistant.services.session import QueueService

    llm_env.push(Reply.tool_call("find_contacts", {"name": "Anna"}),
                 Reply.text("Anna Schmidt sent photos of the Zugspitze; write to her."))
    service = QueueService(Settings(), store, today=TODAY)
    app = make_app(service=service)

    async def go():
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            app.action_ask("who went hiking?")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            screen = app.screen
            assert all(r.get("stream") for r in llm_env.requests)
            assert "Zugspitze" in plain(screen.query_one("#answer", Static))
            assert screen.people == [(world["Anna Schmidt"], "Anna Schmidt")]  # found in the answer's text

    asyncio.run(go())


def test_contact_view_and_search_within(app, store, world):
    async def go():
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            queue = app.screen
            name = queue.current.contact_name
            await pilot.press("c")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ContactScreen) and screen.contact_id == world[name]
            profile = plain(screen.query_one("#profile-text", Static))
            assert name in profile and "circle" in profile and "cadence" in profile
            assert "is waiting in the queue" in profile
            timeline = plain(screen.query_one("#timeline-text", Static))
            newest = rows(store, "SELECT text FROM messages WHERE contact_id = ? ORDER BY ts DESC", world[name])[0][0]
            assert newest[:20] in timeline.replace("\n", "")
            await pilot.press("slash", *newest.split()[0][:6], "enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert "match(es)" in plain(screen.query_one("#results", Static))
            await pilot.press("escape", "escape")
            await pilot.pause()
            assert isinstance(app.screen, QueueScreen)

    asyncio.run(go())


def test_help_lists_every_binding_with_its_id(app):
    async def go():
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            table = app.screen.query_one("#help-table", DataTable)
            listed = {table.get_row_at(i)[3] for i in range(table.row_count)}
            for b in QueueScreen.BINDINGS:
                assert b.id in listed
            await pilot.press("escape")
            assert isinstance(app.screen, QueueScreen)

    asyncio.run(go())
    ids = [b.id for _, bs in all_bindings() for b in bs]
    assert all(ids) and len(ids) == len(set(ids))  # every binding has an id, and ids are unique
    for _, bs in all_bindings():
        assert all(b.tooltip for b in bs)  # ... and a description for the help and the tooltips


def test_import_screen_imports_with_progress(app, store):
    path = FIXTURES / "whatsapp" / "WhatsApp Chat - Priya Nair.txt"
    before = rows(store, "SELECT count(*) FROM messages")[0][0]

    async def go():
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("i")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ImportScreen)
            await pilot.press(*f'"{path}"', "enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            bars = screen.query_one("#stages").bars
            assert bars and all(b.progress == b.total for b in bars.values())
            assert "messages added" in plain(screen.query_one("#import-log", Static))

    asyncio.run(go())
    assert rows(store, "SELECT count(*) FROM messages")[0][0] > before


def test_import_screen_reports_a_bad_file_and_imports_nothing(app, store, tmp_path):
    bad = tmp_path / "messages.csv"
    bad.write_text((FIXTURES / "linkedin" / "messages_wrong_columns.csv").read_text(encoding="utf-8"), encoding="utf-8")
    before = rows(store, "SELECT count(*) FROM messages")[0][0]

    async def go():
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("i")
            await pilot.pause()
            await pilot.press(*str(bad), "enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            log = plain(app.screen.query_one("#import-log", Static))
            assert "import failed" in log and "messages.csv" in log and "nothing was imported" in log

    asyncio.run(go())
    assert rows(store, "SELECT count(*) FROM messages")[0][0] == before


def test_the_service_and_the_cli_import_no_textual():
    code = ("import sys, assistant.services.session, assistant.cli; "
            "sys.exit(1 if any(m == 'textual' or m.startswith('textual.') for m in sys.modules) else 0)")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_token_messages_are_plain_messages():
    m = TokenArrived("regenerate", "好")
    assert m.job == "regenerate" and m.text == "好"


def test_ticked_and_unticked_boxes_differ_in_both_themes(app):
    from textual.widgets import SelectionList

    async def go():
        async with app.run_test(size=SIZE) as pilot:
            for theme in ("textual-dark", "textual-light"):
                app.theme = theme
                app.action_ask("who should I reconnect with this month?")
                await pilot.pause()
                await settle(pilot, lambda: app.screen.answer is not None)
                people = app.screen.query_one("#people", SelectionList)
                on = people.get_component_styles("selection-list--button-selected")
                off = people.get_component_styles("selection-list--button")
                assert on.background != off.background and on.color != off.color, theme
                app.pop_screen()
                await pilot.pause()

    asyncio.run(go())
