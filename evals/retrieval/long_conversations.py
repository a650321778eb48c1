"""Long multi-session two-person histories with labelled questions, generated deterministically.

Four conversations (English, Chinese, German, French/English), each a year of sessions (one every 4-16 days,
~390 messages in all), one message per turn with its own time. Into the small talk go *facts*: short exchanges
whose answer turns are labelled, and *near misses*: the same themes with other specifics (Hamburg instead of
Munich, a half marathon instead of the Berlin one...). Questions are written the way a user asks them:
question-like paraphrases ("when did Anna move to Munich"), keywords, and cross-lingual ones (a Chinese question
over an English history and the other way round). The small talk reuses the facts' vocabulary on purpose, so
that a shared word alone does not find the answer.

    rows, answers, contacts = build()   # message rows for Store.insert_messages, {qid: [source ids]}, names
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

T0 = datetime(2023, 1, 7, 18, 0, tzinfo=timezone.utc)

# person: (name, channel, language, small talk, near misses)
PEOPLE = {
    "anna": ("Anna Schmidt", "whatsapp", "en"),
    "liwei": ("李伟", "wechat", "zh"),
    "jonas": ("Jonas Weber", "telegram", "de"),
    "sophie": ("Sophie Martin", "email", "fr"),
}

SMALL_TALK = {
    "en": ["hey, how's it going?", "all good here, busy week", "haha true", "ok sounds good", "talk later!",
           "did you see the game last night?", "work is crazy at the moment", "how was your weekend?",
           "pretty quiet, mostly at home", "the weather is awful again", "I need a holiday", "same here",
           "thanks a lot!", "no worries", "let me know when you're free", "I'll call you tomorrow", "good night",
           "we should meet up soon", "I moved the meeting to Friday", "the new cafe near work is nice",
           "my phone is acting up again", "running late, sorry", "happy new year!", "lol", "sure, why not",
           "I was thinking about you the other day", "did you finish that book?", "not yet, slow progress",
           "the train was delayed again", "I'm so tired today"],
    "zh": ["在吗？", "哈哈哈", "好的，没问题", "最近忙吗？", "还行，老样子", "周末愉快", "收到，谢谢", "晚安",
           "这两天降温了，注意身体", "我刚下班", "改天聊", "你那边天气怎么样", "嗯嗯", "明白了", "好久不见啊",
           "今天加班到很晚", "有空一起吃饭", "中秋快乐", "辛苦了", "地铁又坏了", "你吃了吗", "我在开会，晚点回你",
           "最近在看一本书，挺有意思", "还没看完", "公司楼下新开了一家咖啡店", "周末在家躺着", "新年快乐！",
           "这周太累了", "下次再约", "哈哈，确实"],
    "de": ["Hallo, wie geht's?", "Alles gut bei dir?", "Danke dir!", "Bis bald", "Schönes Wochenende!",
           "Ich melde mich später", "Klingt gut", "Viel Stress gerade bei der Arbeit", "Gute Nacht",
           "Frohe Weihnachten!", "Wie war dein Wochenende?", "Ja, passt", "Lange nicht gehört", "Bin gerade unterwegs",
           "Das Wetter ist furchtbar", "Ich brauche Urlaub", "Der Zug hatte wieder Verspätung", "Haha, stimmt",
           "Kein Problem", "Lass uns bald telefonieren", "Ich bin so müde heute", "Hast du das Spiel gesehen?",
           "Das neue Café bei der Arbeit ist gut", "Ich hab das Buch noch nicht fertig"],
    "fr": ["Salut, ça va ?", "Oui très bien, et toi ?", "Merci !", "À bientôt", "Bon week-end !",
           "Je te rappelle plus tard", "Ça marche", "Beaucoup de travail en ce moment", "Bonne nuit",
           "Bonne année !", "D'accord", "Ça fait longtemps", "Il pleut encore", "J'ai besoin de vacances",
           "Le métro était en grève", "Haha oui", "Pas de souci", "On s'appelle demain ?", "Je suis crevée",
           "Tu as vu le match ?", "Le nouveau café près du bureau est sympa", "J'ai pas fini le livre"],
}

# Facts and near misses: (session number, [(speaker, text, answer?)], [(query id suffix, lang, query)]).
# "them" is the contact. Near misses have no queries.
FACTS = {
    "anna": [
        (3, [("them", "Big news: I got the job at BMW, I'm moving to Munich in March!", True),
             ("me", "Wow congrats!! Munich is great", False)], [("move", "en", "when did Anna move to Munich"),
                                                                ("move_zh", "zh", "安娜什么时候搬去慕尼黑")]),
        (9, [("them", "The flat in Schwabing is finally mine, I signed the lease yesterday", True),
             ("me", "Schwabing, fancy!", False)], [("flat", "en", "which neighbourhood is Anna's new apartment in")]),
        (6, [("them", "Maybe one day I'll move to Hamburg, who knows", False)], []),
        (14, [("them", "I finished the Berlin marathon in 3:52, my legs are dead", True)],
         [("marathon", "en", "what was Anna's time in the marathon"), ("marathon_zh", "zh", "安娜马拉松跑了多久")]),
        (12, [("them", "Signed up for a half marathon in Augsburg, just for fun", False)], []),
        (18, [("them", "My sister Lena is getting married in Vienna next summer", True),
              ("me", "Tell her congratulations from me", False)],
         [("sister", "en", "who is getting married in Vienna"), ("sister_kw", "en", "Lena wedding")]),
        (22, [("me", "How is the knee after the surgery?", False),
              ("them", "Slowly getting better, the physio says six more weeks without running", True)],
         [("knee", "en", "how long can't Anna run after her knee operation")]),
        (26, [("them", "We adopted a cat! Her name is Mochi, she's a grey British shorthair", True)],
         [("cat", "en", "what is the name of Anna's cat"), ("cat_zh", "zh", "安娜的猫叫什么名字")]),
        (29, [("them", "My parents' dog Bruno is sick, we might have to put him down", False)], []),
        (31, [("them", "I'm learning Japanese for the trip to Kyoto in April", True),
              ("me", "Kyoto in spring, the cherry blossoms!", True)],
         [("kyoto", "en", "where is Anna travelling in April"), ("kyoto_kw", "en", "Japanese lessons trip")]),
        (34, [("them", "Work news: I'm leading the battery software team now", True)],
         [("promo", "en", "did Anna get promoted at work"), ("promo_zh", "zh", "安娜现在在公司负责什么")]),
        (36, [("me", "Can you recommend a book for the flight?", False),
              ("them", "Read 'Klara and the Sun' by Ishiguro, I loved it", True)],
         [("book", "en", "which novel did Anna recommend to me")]),
    ],
    "liwei": [
        (2, [("them", "我下个月从阿里跳槽去字节了，做推荐系统", True), ("me", "恭喜恭喜！", False)],
         [("job", "zh", "李伟什么时候换的工作"), ("job_en", "en", "which company did Li Wei join")]),
        (5, [("them", "以后可能会考虑去腾讯看看", False)], []),
        (8, [("them", "周末和同事去十三陵水库骑车，骑了八十公里", True)],
         [("bike", "zh", "李伟周末骑车去了哪里"), ("bike_en", "en", "how far did Li Wei cycle")]),
        (11, [("them", "我老婆怀孕了，预产期是十月", True), ("me", "太好了！恭喜你们", False)],
         [("baby", "zh", "李伟的孩子什么时候出生"), ("baby_en", "en", "when is Li Wei's baby due")]),
        (24, [("them", "女儿出生了，叫李安然，六斤八两", True)],
         [("daughter", "zh", "李伟女儿叫什么名字"), ("daughter_en", "en", "what did Li Wei name his daughter")]),
        (14, [("them", "我们组的Kafka集群又挂了，排查了一整晚", True)],
         [("kafka", "zh", "Kafka集群出了什么问题"), ("kafka_kw", "en", "Kafka outage")]),
        (15, [("them", "我们在考虑把Kafka换成Pulsar", False)], []),
        (18, [("them", "在顺义买了房子，明年春天装修", True)],
         [("house", "zh", "李伟在哪里买的房"), ("house_en", "en", "where did Li Wei buy an apartment")]),
        (20, [("them", "我爸住院了，心脏搭了支架，现在稳定了", True), ("me", "叔叔保重身体", False)],
         [("dad", "zh", "李伟父亲生了什么病"), ("dad_en", "en", "Li Wei's father hospital")]),
        (28, [("them", "最近迷上了钓鱼，每周六去怀柔", True)],
         [("fish", "zh", "李伟最近有什么新爱好"), ("fish_en", "en", "what new hobby did Li Wei pick up")]),
        (32, [("them", "年底想带家里人去云南旅游，大理和丽江", True)],
         [("yunnan", "zh", "李伟打算去哪里旅游"), ("yunnan_en", "en", "where is Li Wei planning a family trip")]),
    ],
    "jonas": [
        (2, [("them", "Ich habe endlich meine Doktorarbeit über Graphdatenbanken abgegeben!", True)],
         [("phd", "de", "Wann hat Jonas seine Dissertation abgegeben"), ("phd_en", "en", "what was Jonas's PhD about")]),
        (6, [("them", "Wir klettern am Samstag in Arco am Gardasee, kommst du mit?", True),
             ("me", "Leider nicht, ich muss arbeiten", False)],
         [("arco", "de", "Wo wollte Jonas klettern gehen"), ("arco_zh", "zh", "乔纳斯去哪里攀岩")]),
        (9, [("them", "Die Boulderhalle in Freiburg hat neue Routen", False)], []),
        (12, [("them", "Ich fange im Mai bei einem Startup in Zürich an, Datenbanken natürlich", True)],
         [("zurich", "de", "Wo arbeitet Jonas jetzt"), ("zurich_en", "en", "when does Jonas start his new job")]),
        (16, [("them", "Meine Freundin Mia und ich haben uns verlobt", True), ("me", "Herzlichen Glückwunsch!", False)],
         [("engaged", "de", "Mit wem hat sich Jonas verlobt"), ("engaged_en", "en", "Jonas engagement")]),
        (21, [("them", "Ich hab mir das Schlüsselbein beim Mountainbiken gebrochen", True)],
         [("bone", "de", "Was hat sich Jonas gebrochen"), ("bone_zh", "zh", "乔纳斯哪里受伤了")]),
        (25, [("them", "Wir backen jetzt jeden Sonntag Sauerteigbrot, der Starter heißt Bernd", True)],
         [("bread", "de", "Wie heißt der Sauerteig von Jonas"), ("bread_en", "en", "sourdough starter name")]),
        (30, [("them", "Die Hochzeit ist am 14. September in Freiburg", True)],
         [("wedding", "de", "Wann ist die Hochzeit von Jonas"), ("wedding_en", "en", "when is Jonas getting married")]),
        (27, [("them", "Die Hochzeit meines Cousins war total verregnet", False)], []),
    ],
    "sophie": [
        (3, [("them", "J'ai soutenu ma thèse sur les algorithmes de consensus, enfin docteure !", True)],
         [("thesis", "fr", "Sophie a soutenu sa thèse sur quoi"), ("thesis_en", "en", "what was Sophie's thesis topic")]),
        (7, [("them", "On part faire du vélo en Bourgogne en juin, entre Beaune et Dijon", True)],
         [("velo", "fr", "où Sophie fait du vélo en juin"), ("velo_zh", "zh", "索菲六月去哪里骑车")]),
        (10, [("them", "Mon frère vit à Bordeaux, il travaille dans le vin", False)], []),
        (13, [("them", "I'm giving a talk at the Raft workshop in Lisbon in November", True),
              ("me", "Nice, send me the slides", False)],
         [("talk", "en", "where is Sophie giving her talk"), ("talk_fr", "fr", "conférence de Sophie à Lisbonne")]),
        (17, [("them", "Nous avons acheté un vieux piano, je reprends les cours", True)],
         [("piano", "fr", "Sophie joue de quel instrument"), ("piano_en", "en", "what instrument did Sophie buy")]),
        (20, [("them", "Je déménage à Lyon en septembre pour un poste chez Inria", True)],
         [("lyon", "fr", "quand Sophie déménage à Lyon"), ("lyon_en", "en", "why is Sophie moving to Lyon")]),
        (23, [("them", "Peut-être qu'un jour j'irai vivre à Montréal", False)], []),
        (27, [("them", "Mon chat Pixel a mangé un élastique, urgence vétérinaire cette nuit", True)],
         [("vet", "fr", "pourquoi Sophie est allée chez le vétérinaire"), ("vet_en", "en", "Sophie's cat emergency")]),
        (33, [("them", "Je cours le semi-marathon de Paris en mars, objectif 1h50", True)],
         [("semi", "fr", "quel est l'objectif de Sophie au semi-marathon"), ("semi_zh", "zh", "索菲半程马拉松的目标")]),
    ],
}

# Questions that reuse the answer turns' own words (keywords, or a question quoting them), as questions of public
# long-conversation benchmarks often do: here BM25 is strong, so fusion weights are chosen on a mix of both kinds.
WORD_QUERIES = {
    "anna": {"move": [("move_kw", "en", "BMW job Munich"), ("move_q", "en", "when is Anna moving to Munich for the BMW job")],
             "flat": [("flat_kw", "en", "Schwabing lease"), ("flat_q", "en", "did Anna sign the lease for the flat in Schwabing")],
             "marathon": [("marathon_kw", "en", "Berlin marathon 3:52")],
             "knee": [("knee_kw", "en", "physio six weeks without running")],
             "cat": [("cat_kw", "en", "Mochi British shorthair")],
             "promo": [("promo_kw", "en", "battery software team")],
             "book": [("book_kw", "en", "Klara and the Sun Ishiguro")]},
    "liwei": {"job": [("job_kw", "zh", "字节 推荐系统")],
              "bike": [("bike_kw", "zh", "十三陵水库骑车")],
              "kafka": [("kafka_q", "zh", "Kafka集群挂了排查了多久")],
              "house": [("house_kw", "zh", "顺义 买房 装修")],
              "dad": [("dad_kw", "zh", "心脏支架 住院")],
              "fish": [("fish_kw", "zh", "怀柔钓鱼")],
              "yunnan": [("yunnan_kw", "zh", "大理 丽江")]},
    "jonas": {"phd": [("phd_kw", "de", "Doktorarbeit Graphdatenbanken")],
              "arco": [("arco_kw", "de", "Klettern Arco Gardasee")],
              "zurich": [("zurich_kw", "de", "Startup Zürich Mai")],
              "bone": [("bone_kw", "de", "Schlüsselbein gebrochen")],
              "bread": [("bread_kw", "de", "Sauerteigbrot Starter Bernd")],
              "wedding": [("wedding_kw", "de", "Hochzeit 14. September Freiburg")]},
    "sophie": {"thesis": [("thesis_kw", "fr", "thèse algorithmes de consensus")],
               "velo": [("velo_kw", "fr", "vélo Bourgogne Beaune Dijon")],
               "talk": [("talk_kw", "en", "Raft workshop Lisbon talk")],
               "piano": [("piano_kw", "fr", "vieux piano cours")],
               "lyon": [("lyon_kw", "fr", "Lyon Inria septembre")],
               "vet": [("vet_kw", "fr", "Pixel élastique urgence vétérinaire")],
               "semi": [("semi_kw", "fr", "semi-marathon de Paris 1h50")]},
}

# Queries about the latest exchange: answered by the labelled turns of the last session.
LAST = {
    "anna": [("them", "Let's do the Christmas market in Nuremberg together in December!", True),
             ("me", "Yes! I'll book the train", True)],
    "liwei": [("them", "下周我来上海出差，我们约个火锅吧", True), ("me", "好啊，周三晚上怎么样", True)],
    "jonas": [("them", "Wir sehen uns zum Skifahren in Davos im Januar?", True), ("me", "Auf jeden Fall!", True)],
    "sophie": [("them", "Je viens à Berlin en décembre pour une conférence, on se voit ?", True),
               ("me", "Avec plaisir, on dîne ensemble", True)],
}
LAST_QUERIES = {
    "anna": [("last", "en", "what did I last talk about with Anna"), ("last_zh", "zh", "上次和安娜聊了什么")],
    "liwei": [("last", "zh", "我上次和李伟聊了什么")],
    "jonas": [("last", "de", "Worüber habe ich zuletzt mit Jonas gesprochen"),
              ("last_en", "en", "what was my most recent conversation with Jonas about")],
    "sophie": [("last", "en", "what did I last talk about with Sophie"),
               ("last_fr", "fr", "de quoi avons-nous parlé la dernière fois, Sophie et moi")],
}

SESSIONS = 38


def _facts(person: str):
    """FACTS with the word queries added to the fact whose first query id they name."""
    extra = WORD_QUERIES.get(person, {})
    return [(session, lines, [*qs, *(extra.get(qs[0][0], []) if qs else [])]) for session, lines, qs in FACTS[person]]


def build(seed: int = 11):
    """rows (for Store.insert_messages, contact ids filled by the caller via `contact`), questions.

    Returns (conversations, questions): conversations = {person: [(speaker, text, ts, source_id)]};
    questions = [{"id", "lang", "query", "person", "answers": [source ids]}].
    """
    rng = random.Random(seed)
    conversations: dict[str, list[tuple[str, str, int, str]]] = {}
    questions: list[dict] = []
    for person, (_name, _channel, lang) in PEOPLE.items():
        talk = SMALL_TALK[lang]
        by_session: dict[int, list] = {}
        for session, lines, qs in _facts(person):
            by_session.setdefault(session, []).append((lines, qs))
        by_session.setdefault(SESSIONS - 1, []).append((LAST[person], LAST_QUERIES[person]))
        when = T0 + timedelta(days=rng.randint(0, 6), hours=rng.randint(0, 4))
        turns: list[tuple[str, str, int, str]] = []
        labels: dict[str, list[str]] = {}
        for s in range(SESSIONS):
            when += timedelta(days=rng.randint(4, 16), hours=rng.randint(-3, 3))
            plan: list[tuple[str, str, str | None]] = []
            n_talk = rng.randint(6, 12)
            for _ in range(n_talk):
                plan.append((rng.choice(["me", "them"]), rng.choice(talk), None))
            for lines, qs in by_session.get(s, []):
                at = rng.randint(1, len(plan) - 1) if s != SESSIONS - 1 else len(plan)
                tag = ",".join(q[0] for q in qs) or None
                plan[at:at] = [(sp, text, tag if ans else None) for sp, text, ans in lines]
            t = when
            for speaker, text, tag in plan:
                t += timedelta(seconds=rng.randint(20, 400))
                sid = f"{person}-{len(turns) + 1}"
                turns.append((speaker, text, int(t.timestamp()), sid))
                if tag:
                    for q in tag.split(","):
                        labels.setdefault(q, []).append(sid)
        conversations[person] = turns
        for session, lines, qs in [*_facts(person), (SESSIONS - 1, LAST[person], LAST_QUERIES[person])]:
            for qid, qlang, query in qs:
                questions.append({"id": f"{person}_{qid}", "lang": qlang, "query": query, "person": person,
                                  "answers": labels[qid]})
    return conversations, questions


def load(store, seed: int = 11) -> tuple[list[dict], dict[str, int]]:
    """Write the conversations into `store`. Returns (questions with answers as messages.id, {person: contact id})."""
    conversations, questions = build(seed)
    contact: dict[str, int] = {}
    rows = []
    for person, (name, channel, lang) in PEOPLE.items():
        contact[person] = cid = store.create_contact(name, languages=[lang])
        for speaker, text, ts, sid in conversations[person]:
            out = speaker == "me"
            rows.append((channel, f"long-{person}", cid, None, None if out else cid, "out" if out else "in", "text", ts,
                         text, "long_conversations", sid))
    with store.transaction():
        store.insert_messages(rows)
    ids = {r[0]: r[1] for r in store.db.execute("SELECT source_id, id FROM messages WHERE source_file = 'long_conversations'")}
    for q in questions:
        q["answers"] = [ids[s] for s in q["answers"]]
    return questions, contact
