"""The rewrite and groups screens, driven with Textual's Pilot against a real store (and, for the model path,
the loopback OpenAI-protocol server). Workers are awaited, never slept on."""

import asyncio
from datetime import date, timezone

from textual.widgets import DataTable, Static, TextArea

from assistant.config import Settings
from assistant.ingest.pipeline import import_paths
from assistant.tui.app import make_app
from assistant.tui.screens.announce import AnnounceScreen, GroupsScreen
from tests.paths import FIXTURES
from tests.rewrite import scripts as S
from tests.support.openai_server import Reply

ANN = FIXTURES / "announcements"


def _text(static: Static) -> str:
    import io

    from rich.console import Console

    console = Console(width=160, record=True, color_system=None, file=io.StringIO())
    console.print(static.renderable if hasattr(static, "renderable") else static.content)
    return console.export_text()


async def _rewrite(app, pilot, text=None, langs=None):
    screen = app.screen
    assert isinstance(screen, AnnounceScreen)
    if text is not None:
        screen.query_one("#announcement", TextArea).load_text(text)
    if langs is not None:
        screen.query_one("#langs").value = langs
    await pilot.press("ctrl+r")
    await app.workers.wait_for_complete()
    await pilot.pause()
    return screen


def test_offline_rewrite_screen(store):

    async def run():
        app = make_app(Settings(), store=store, start="rewrite", announcement=(ANN / "zh.txt").read_text())
        async with app.run_test(size=(160, 60)) as pilot:
            screen = await _rewrite(app, pilot)
            assert screen.result.versions[0].via == "offline"
            shown = _text(screen.query_one("#result", Static))
            assert "offline restructuring (no language model)" in shown and "✓ facts: all 12 facts kept" in shown  # 李伟 is no contact here
            assert _text(screen.query_one("#status", Static)).strip() == "done"

    asyncio.run(run())


def test_model_rewrite_screen_two_languages(llm_env, store):
    llm_env.push(Reply.text(S.ZH_GOOD), Reply.text(S.ZH_IN_ENGLISH))

    async def run():
        app = make_app(Settings(), store=store, start="rewrite", announcement=(ANN / "zh.txt").read_text())
        async with app.run_test(size=(160, 80)) as pilot:
            screen = await _rewrite(app, pilot, langs="zh,en")
            assert [(v.lang, v.via) for v in screen.result.versions] == [("zh", "llm"), ("en", "llm")]
            shown = _text(screen.query_one("#result", Static))
            assert "rewrite (zh)" in shown and "translation" in shown and "Our first offline meetup" in shown

    asyncio.run(run())


def test_bad_languages_show_an_error(store):
    async def run():
        app = make_app(Settings(), store=store, start="rewrite", announcement="Hike on Saturday")
        async with app.run_test() as pilot:
            screen = await _rewrite(app, pilot, langs="zh,??")
            assert "error: --lang: '??' is not a language code" in _text(screen.query_one("#status", Static))
            assert screen.result is None

    asyncio.run(run())


def test_groups_screen(store):
    import_paths(store, [FIXTURES / "groups" / "WhatsApp Chat with Hiking Club.txt"], tz=timezone.utc,
                 me=["Alex Chen"])

    async def run():
        app = make_app(Settings(), store=store, start="groups", today=date(2025, 6, 30))
        async with app.run_test(size=(140, 60)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, GroupsScreen)
            table = screen.query_one("#groups", DataTable)
            assert table.row_count == 1 and table.get_row_at(0)[1] == "Hiking Club"
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert screen.health is not None and screen.health.spoke == {30: 2, 90: 4, 365: 6}
            assert "Suggestion: keep" in _text(screen.query_one("#health", Static))

    asyncio.run(run())


def test_escape_on_the_first_screen_quits(store):
    async def run():
        app = make_app(Settings(), store=store, start="rewrite", announcement="hi")
        async with app.run_test() as pilot:
            await pilot.press("escape")
            await pilot.pause()
            assert app.return_code == 0  # exited

    asyncio.run(run())


def test_announcement_screen_starts_in_the_text_and_copies_the_chosen_version(store):
    async def run():
        app = make_app(Settings(), store=store, start="rewrite", announcement=(ANN / "zh.txt").read_text())
        async with app.run_test(size=(160, 60)) as pilot:
            screen = app.screen
            assert screen.focused is screen.query_one("#announcement", TextArea)
            assert screen.sub_title == "rewrite an announcement"
            await pilot.press("ctrl+l")  # nothing rewritten yet: says so, copies nothing
            assert "nothing to copy yet" in _text(screen.query_one("#status", Static))
            await _rewrite(app, pilot)
            await pilot.press("ctrl+l")
            assert app.clipboard == screen.result.versions[0].text
            assert "copied the zh version" in _text(screen.query_one("#status", Static))

    asyncio.run(run())
