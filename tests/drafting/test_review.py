"""The review queue the CLI and the TUI share: approve, edit, snooze, dismiss, regenerate, suggested."""

import pytest

from assistant.store.drafts import DraftError, list_drafts
from assistant.services.review import OUTREACH_CHANNEL, ReviewQueue
from assistant.ranking import rank
from tests.drafting.world import TODAY, ts


@pytest.fixture
def queue(store, world):
    return ReviewQueue(store, today=TODAY)


def test_approve_as_drafted_logs_the_message_and_resets_the_cadence(store, world, queue):
    cid = world["李伟"]
    assert cid in [s.contact_id for s in rank(store, TODAY, limit=20).suggestions]
    d = queue.draft(cid)
    sent = queue.approve(d.id, now=ts(2025, 3, 10, 9))
    assert sent.status == "sent" and sent.final_text == d.text and sent.original_text == d.text
    assert sent.edit_labels == ["no_meaningful_edit"] and sent.similarity == 1.0
    row = store.db.execute("SELECT channel, direction, text, ts FROM messages WHERE source_id = ?", (f"draft-{d.id}",)).fetchone()
    assert tuple(row) == (OUTREACH_CHANNEL, "out", d.text, ts(2025, 3, 10, 9))
    assert cid not in [s.contact_id for s in rank(store, TODAY, limit=20).suggestions]
    with pytest.raises(DraftError, match="already|only drafts waiting"):
        queue.approve(d.id)


def test_an_edited_draft_keeps_both_texts_and_the_classification(store, world, queue):
    d = queue.draft(world["Sarah Miller"])
    final = "Hey Sarah! Still thinking about the raftkit pre-vote PR. How are things?"
    sent = queue.approve(d.id, final)
    assert sent.original_text == d.text and sent.final_text == final
    assert sent.similarity < 1 and sent.edit_labels and sent.verdicts["edit"]["labels"] == sent.edit_labels
    # learned: the approved draft now shapes this contact's notes
    notes = store.db.execute("SELECT key FROM style_notes WHERE contact_id = ?", (world["Sarah Miller"],)).fetchall()
    assert {"length", "emoji"} <= {r[0] for r in notes}


def test_edit_then_snooze_then_it_comes_back(store, world, queue):
    d = queue.draft(world["Omar Haddad"])
    queue.edit(d.id, "مرحبا عمر! كيف حال لينا مع كاميرا فوجي؟")
    s = queue.snooze(d.id, days=3, now=ts(2025, 3, 10))
    assert s.status == "snoozed"
    assert [x.id for x in list_drafts(store, ("queued",), now=ts(2025, 3, 12))] == []
    back = list_drafts(store, ("queued",), now=ts(2025, 3, 14))
    assert [x.id for x in back] == [d.id] and back[0].status == "queued"
    assert back[0].text.startswith("مرحبا عمر") and back[0].original_text == d.text


def test_dismiss_can_rest_the_contact(store, world, queue):
    cid = world["Claire Dubois"]
    d = queue.draft(cid)
    queue.dismiss(d.id, rest_contact=True)
    assert store.db.execute("SELECT action FROM ranking_actions WHERE contact_id = ?", (cid,)).fetchone()[0] == "dismiss"
    assert queue.pending() == []


def test_regenerate_replaces_the_old_draft(store, world, queue):
    d = queue.draft(world["Anna Schmidt"])
    new = queue.regenerate(d.id, instruction="in English")
    assert new.parent_id == d.id and new.language == "en"
    assert queue.get(d.id).status == "replaced"
    assert [x.id for x in queue.pending()] == [new.id]


def test_suggested_drafts_for_the_top_of_the_ranking(store, world, queue):
    first = queue.suggested(3)
    assert len(first.drafts) == 3 and not first.failed
    top = [s.contact_id for s in rank(store, TODAY, limit=3).suggestions]
    assert [d.contact_id for d in first.drafts] == top
    again = queue.suggested(3)  # "draft for 3 more": the next three of the ranking, not the same three again
    assert len(again.skipped) == 3 and not {d.contact_id for d in again.drafts} & set(top)
    nxt = [s.contact_id for s in rank(store, TODAY, limit=6).suggestions][3:6]
    assert [d.contact_id for d in again.drafts] == nxt
