"""Delicate history (money between the two, a quarrel) is never the talking point.

Decided near misses (documented in assistant/text/sensitive.py): treating someone ("I paid for the pizza, my
treat") and a price on its own ("the ticket was 20 euros") are not delicate; "prête" (ready) is not "prêt"
(a loan); "argentique" (film photography) is not "argent"; Arabic words that merely contain a money word
(أعمال, مدينة) are not money.
"""

import pytest

from assistant.drafting.context import gather, message_line, render
from assistant.drafting.agent import draft_for
from assistant.llm.prompts import prompt
from assistant.ranking.hooks import HookFinder
from assistant.text.sensitive import is_sensitive
from tests.drafting.world import TODAY, ts

POSITIVES = [
    # money between them: lent, owed, sent, paid back
    ("en", "Sent you the 800 for the deposit, no rush at all", "money"),
    ("en", "You're a lifesaver, I'll pay you back by March", "money"),
    ("en", "You still owe me for the concert tickets", "money"),
    ("en", "Could you lend me 200 until Friday?", "money"),
    ("fr", "Je t'ai viré les 600 euros, aucune urgence", "money"),
    ("fr", "C'est remboursé, encore merci pour ton aide", "money"),
    ("de", "Hab dir die 500 Euro überwiesen, lass dir Zeit", "money"),
    ("de", "Die 500 sind zurück auf deinem Konto, nochmal danke", "money"),
    ("zh", "钱已经转给你了，两万，先用着不急", "money"),
    ("zh", "太感谢了，年底一定还你", "money"),
    ("ar", "حولت لك ألف درهم، لا تستعجل", "money"),
    ("ar", "أرجعت المبلغ اليوم، شكراً على وقفتك معي", "money"),
    ("hi", "मैंने तुम्हें बीस हज़ार भेज दिए, कोई जल्दी नहीं", "money"),
    ("hi", "बहुत शुक्रिया, अगले महीने लौटा दूँगा", "money"),
    # a quarrel: blame, hurt, "forget it", apologies
    ("en", "I can't believe you left before the cake though", "conflict"),
    ("en", "I told you I had an early flight, that's not fair", "conflict"),
    ("en", "Sorry about last night, I was out of line", "conflict"),
    ("fr", "Mais tu aurais pu m'aider à ranger la maison", "conflict"),
    ("fr", "Laisse tomber", "conflict"),
    ("de", "Aber dass du mich am Bahnhof stehen gelassen hast, war echt mies", "conflict"),
    ("de", "Ist jetzt auch egal", "conflict"),
    ("zh", "上次吵架的事，对不起", "conflict"),
    ("zh", "你怎么能不来我的婚礼，我很失望", "conflict"),
    ("ar", "لكنك لم تأتِ إلى عشاء عيد ميلادي، زعلت منك", "conflict"),
    ("ar", "خلاص، انسَ الموضوع", "conflict"),
    ("hi", "पर तुमने मेरी बहन की शादी में आने का वादा तोड़ा", "conflict"),
    ("hi", "रहने दो, बात मत करो", "conflict"),
]

NEGATIVES = [
    ("en", "I paid for the pizza, my treat"),
    ("en", "The tickets were 20 euros and worth every cent"),
    ("en", "The wedding photos are up, you're in loads of them"),
    ("en", "Got it mate. Btw I started a sourdough starter, it's called Doughvid"),
    ("fr", "Je suis prête pour le marathon de Paris"),
    ("fr", "Reçu ! Sinon je me suis mis à la photo argentique"),
    ("de", "Ich restauriere gerade ein altes Rennrad von 1984"),
    ("de", "Das Konzert in Köln war der Hammer"),
    ("zh", "对了，我最近在学陶艺，做了一个歪歪扭扭的碗"),
    ("zh", "你还好吗？最近怎么样"),
    ("ar", "أعمال المدينة القديمة جميلة جداً"),
    ("ar", "مباراة الأمس كانت رائعة"),
    ("hi", "दिवाली की पार्टी बहुत अच्छी रही"),
    ("hi", "मिल गए। वैसे मैंने बागवानी शुरू की है, टमाटर उग आए हैं"),
]


@pytest.mark.parametrize("lang,text,reason", POSITIVES)
def test_delicate_history_is_flagged(lang, text, reason):
    assert is_sensitive(text, lang) == reason
    assert is_sensitive(text) == reason  # without a language too


@pytest.mark.parametrize("lang,text", NEGATIVES)
def test_near_misses_are_not(lang, text):
    assert is_sensitive(text, lang) is None
    assert is_sensitive(text) is None


def test_empty():
    assert is_sensitive("") is None and is_sensitive(None) is None


# --- the talking point ------------------------------------------------------------------------------

WARM = "warm"
HISTORIES = {
    # the latest exchange is a loan; months earlier, a trip
    "Antoine Laurent": ("telegram", [
        (ts(2024, 5, 4, 18), "in", "On a fait le GR20 en entier, douze jours, mes genoux s'en souviennent encore", WARM),
        (ts(2024, 5, 4, 19), "out", "Incroyable ! Tu m'envoies les photos du cirque de la Solitude ?"),
        (ts(2024, 11, 2, 9), "in", "Je t'ai viré les 600 euros, aucune urgence pour me rembourser"),
        (ts(2024, 11, 2, 10), "out", "Merci infiniment, je te rembourse en mars sans faute"),
    ]),
    # the latest exchange is a quarrel; before it, a concert
    "Megan Price": ("whatsapp", [
        (ts(2024, 2, 10, 20), "in", "The Radiohead tribute band in Leeds was unreal, they played the whole of OK Computer", WARM),
        (ts(2024, 2, 10, 21), "out", "So jealous, Paranoid Android live must have been something"),
        (ts(2024, 8, 7, 19), "in", "I can't believe you left the wedding before the cake though, everyone asked"),
        (ts(2024, 8, 7, 20), "out", "I told you I had an early flight, that's not fair"),
        (ts(2024, 8, 8, 9), "in", "Whatever, forget it. Not talking about this anymore"),
    ]),
    "赵敏": ("wechat", [
        (ts(2024, 3, 3, 12), "in", "我们去景德镇学拉坯了，做了一个歪歪扭扭的碗，特别好玩", WARM),
        (ts(2024, 9, 1, 9), "in", "钱已经转给你了，两万，先用着不急"),
        (ts(2024, 9, 1, 10), "out", "太感谢了，年底一定还你，真的帮了大忙"),
    ]),
    # nothing but delicate history
    "Khalid Omran": ("whatsapp", [
        (ts(2024, 7, 2, 19), "in", "لكنك لم تأتِ إلى عشاء عيد ميلادي، زعلت منك كثيراً"),
        (ts(2024, 7, 3, 0), "out", "قلت لك إن عندي سفر، هذا ظلم والله"),
        (ts(2024, 7, 3, 6), "in", "خلاص، انسَ الموضوع ولا تكلمني عنه"),
    ]),
}


@pytest.fixture
def people(store):
    store.add_me("Alex Chen")
    ids = {}
    for name, (channel, msgs) in HISTORIES.items():
        cid = store.create_contact(name, circle="close")
        ids[name] = cid
        rows = [(channel, f"{channel}:{cid}", cid, None, cid if m[1] == "in" else None, m[1], "text", m[0], m[2],
                 "test", f"s{cid}-{n}") for n, m in enumerate(msgs)]
        with store.transaction():
            store.insert_messages(rows)
        for n, m in enumerate(msgs):
            if len(m) > 3:
                ids[f"warm:{name}"] = store.db.execute("SELECT id FROM messages WHERE source_id = ?",
                                                       (f"s{cid}-{n}",)).fetchone()[0]
    return ids


@pytest.mark.parametrize("name", ["Antoine Laurent", "Megan Price", "赵敏"])
def test_the_offline_draft_passes_over_a_loan_or_a_quarrel(store, people, name):
    d = draft_for(store, people[name], today=TODAY)  # no settings: the offline drafter
    assert d.source == "offline" and d.outcome == "ready"
    assert d.cited_ids == [people[f"warm:{name}"]]
    for _, _, text, *_ in HISTORIES[name][1]:
        if is_sensitive(text):
            assert text[:20] not in d.text  # no delicate message is quoted


def test_only_delicate_history_gives_an_honest_placeholder(store, people):
    d = draft_for(store, people["Khalid Omran"], today=TODAY)
    assert d.outcome == "needs_fill" and d.cited_ids == [] and d.hook.get("note") == "no talking point found"
    assert "زعل" not in d.text and "ظلم" not in d.text


def test_the_store_only_hook_skips_delicate_history(store, people):
    finder = HookFinder(store.db)
    for name in ("Antoine Laurent", "Megan Price", "赵敏"):
        hook = finder.hook(people[name])
        assert hook is not None and hook.message_ids == [people[f"warm:{name}"]], name
    assert finder.hook(people["Khalid Omran"]) is None
    # an interest mentioned only in a delicate message is no hook either
    assert finder.hook(people["Antoine Laurent"], ["euros"]).message_ids == [people["warm:Antoine Laurent"]]


def test_the_model_is_told_to_leave_delicate_history_alone(store, people):
    ctx = gather(store, people["Megan Price"], today=TODAY)
    assert ctx.hook_ids == [people["warm:Megan Price"]]
    lines = {i: message_line(ctx, m) for i, m in ctx.messages.items()}
    flagged = [i for i, line in lines.items() if "delicate" in line]
    assert flagged and people["warm:Megan Price"] not in flagged
    assert all(is_sensitive(ctx.messages[i].text) for i in flagged)
    history = next(s for s in render(ctx) if s.name == "history")
    assert any("do not bring it up" in item.text for item in history.items)
    assert "delicate" in prompt("draft_system").text
