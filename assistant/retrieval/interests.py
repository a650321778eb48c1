"""Per-contact interests and topics, extracted from the conversation history, with the messages that show them.

Offline (always available): a multilingual lexicon of interests (hobbies, sports, professional themes...) with
keywords in English, Chinese, German, French, Arabic, Hindi and Spanish is matched against every message; an
interest counts for a contact once they write about it, scored by how many of their messages do (plus half the
user's messages on it in the same conversations). *Topics* are the words most distinctive of a contact's
conversations (TF-IDF against all chunks; names of people are never topics): a project, a company, a place.

With an LLM (OUTREACH_INTERESTS=llm, or auto with an endpoint configured): a sample of the contact's messages
(with their ids) goes to the chat model with prompts/interests.md; its answer is validated (evidence must be ids
it was shown) and stored alongside the offline result.

*Shared* marks the interests the user shows too: the user wrote about the same interest, with this contact or
anywhere else at least twice. Results live in `contact_interests`, recomputed for a contact only when the
chunks of its conversations changed. The user's own `contacts.interests` (set by hand) are never touched.
"""

from __future__ import annotations

import json
import math
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assistant.retrieval.lexical import STOPWORDS
from assistant.store import contacts as contact_sql
from assistant.store import history
from assistant.text.scripts import HAN

if TYPE_CHECKING:
    from assistant.config import Settings


# label -> keywords (lower case). Latin keywords match at word starts ("climb" finds "climbing"); others anywhere.
LEXICON: dict[str, tuple[str, ...]] = {
    "cycling": ("cycling", "bike ride", "biking", "bicycle", "road bike", "骑车", "骑行", "自行车", "单车", "radfahren",
                "fahrrad", "radtour", "vélo", "cyclisme", "دراجة", "साइकिल", "ciclismo", "bicicleta"),
    "hiking": ("hiking", "hike", "trek", "trail", "徒步", "爬山", "登山", "wandern", "wanderung", "randonnée", "rando",
               "مشي لمسافات", "हाइकिंग", "ट्रेक", "senderismo"),
    "climbing": ("climbing", "bouldering", "boulder", "攀岩", "klettern", "kletter", "bouldern", "escalade", "grimpe",
                 "تسلق", "चढ़ाई", "escalada"),
    "running": ("running", "marathon", "half marathon", "jogging", " 10k", "跑步", "马拉松", "laufen", "joggen",
                "course à pied", "marathon", "الجري", "ماراثون", "दौड़", "मैराथन", "correr"),
    "football": ("football", "soccer", "bundesliga", "premier league", "champions league", "足球", "fußball",
                 "fussball", "foot ", "كرة القدم", "फुटबॉल", "fútbol"),
    "cricket": ("cricket", "ipl", "test match", "板球", "क्रिकेट", "كريكيت"),
    "basketball": ("basketball", "nba", "篮球", "basket-ball", "كرة السلة", "बास्केटबॉल", "baloncesto"),
    "swimming": ("swimming", "swim", "游泳", "schwimmen", "natation", "nager", "سباحة", "तैराकी", "natación"),
    "yoga & fitness": ("yoga", "gym", "workout", "fitness", "pilates", "瑜伽", "健身", "training", "musculation",
                       "يوغا", "योग", "जिम"),
    "skiing": ("skiing", "ski ", "snowboard", "滑雪", "skifahren", "skitour", "بالتزلج", "स्कीइंग", "esquí"),
    "photography": ("photography", "photo", "camera", "lens", "摄影", "相机", "拍照", "胶片", "胶卷", "fotografie", "kamera",
                    "objektiv", "photographie", "appareil photo", "تصوير", "كاميرا", "फोटोग्राफी", "कैमरा", "fotografía"),
    "music": ("music", "concert", "guitar", "piano", "band", "album", "音乐", "演唱会", "吉他", "钢琴", "musik",
              "konzert", "gitarre", "musique", "concert", "guitare", "موسيقى", "حفلة", "संगीत", "गाना", "música"),
    "cooking & food": ("cooking", "recipe", "cook", "restaurant", "bake", "baking", "dumpling", "做饭", "菜谱", "烘焙",
                       "饺子", "火锅", "kochen", "rezept", "backen", "cuisine", "recette", "cuisiner", "طبخ", "وصفة",
                       "खाना बना", "रेसिपी", "cocinar", "receta"),
    "coffee & tea": ("coffee", "espresso", "latte", "tea ", "咖啡", "喝茶", "茶叶", "kaffee", "café", "قهوة", "شاي",
                     "कॉफी", "चाय"),
    "wine & beer": ("wine", "beer", "brewery", "葡萄酒", "红酒", "啤酒", "wein", "bier", "vin ", "bière", "वाइन"),
    "travel": ("travel", "trip", "flight", "vacation", "holiday", "旅行", "旅游", "出差", "机票", "reise", "urlaub",
               "voyage", "vacances", "سفر", "رحلة", "यात्रा", "छुट्टी", "viaje"),
    "reading & books": ("book", "reading", "novel", "读书", "看书", "小说", "书", "buch", "lesen", "roman", "livre",
                        "lecture", "كتاب", "رواية", "किताब", "उपन्यास", "libro"),
    "film & series": ("movie", "film", "series", "netflix", "cinema", "电影", "电视剧", "美剧", "kino", "serie",
                      "cinéma", "série", "فيلم", "مسلسل", "फ़िल्म", "फिल्म", "película"),
    "gaming": ("gaming", "video game", "playstation", "nintendo", "steam", "游戏", "打游戏", "spiel", "zocken",
               "jeu vidéo", "jeux vidéo", "ألعاب", "गेम"),
    "chess & board games": ("chess", "board game", "go game", "象棋", "围棋", "桌游", "schach", "brettspiel", "échecs",
                            "شطرنج", "शतरंज"),
    "gardening": ("garden", "plants", "种花", "花园", "园艺", "garten", "pflanzen", "jardin", "jardinage", "حديقة",
                  "बागवानी", "jardín"),
    "pets": ("dog", "cat", "puppy", "kitten", "狗", "猫", "hund", "katze", "chien", "chaton", "كلب", "قطة", "कुत्ता",
             "बिल्ली", "perro", "gato"),
    "family & kids": ("kids", "daughter", "son ", "baby", "wedding", "孩子", "女儿", "儿子", "宝宝", "婚礼", "kinder",
                      "tochter", "sohn", "hochzeit", "enfants", "fille", "fils", "bébé", "mariage", "أطفال", "ابنتي",
                      "ابني", "زفاف", "बच्चे", "बेटी", "बेटा", "शादी", "hijos"),
    "distributed systems": ("distributed system", "raft", "paxos", "consensus", "kafka", "kubernetes", "microservice",
                            "分布式", "一致性", "微服务", "verteilte systeme", "systèmes distribués", "الأنظمة الموزعة",
                            "वितरित"),
    "machine learning & AI": ("machine learning", "deep learning", "neural", "llm", "gpt", "ai model", "transformer",
                              "人工智能", "机器学习", "深度学习", "大模型", "maschinelles lernen", "ki-", "künstliche intelligenz",
                              "apprentissage automatique", "intelligence artificielle", "ia ", "الذكاء الاصطناعي",
                              "تعلم الآلة", "मशीन लर्निंग", "आर्टिफिशियल"),
    "programming": ("programming", "coding", "python", "rust", "golang", "javascript", "open source", "github", "编程",
                    "写代码", "开源", "programmieren", "programmation", "البرمجة", "प्रोग्रामिंग", "कोडिंग"),
    "startups & business": ("startup", "founder", "fundraising", "investor", "pitch", "创业", "融资", "投资人", "gründ",
                            "start-up", "levée de fonds", "investisseur", "ريادة", "شركة ناشئة", "स्टार्टअप", "निवेश"),
    "finance & investing": ("stock", "investing", "crypto", "bitcoin", "etf", "股票", "基金", "理财", "比特币", "aktien",
                            "börse", "bourse", "actions", "أسهم", "استثمار", "शेयर", "निवेश"),
    "career & jobs": ("new job", "promotion", "interview", "career", "hiring", "跳槽", "面试", "升职", "招聘", "neuer job",
                      "bewerbung", "beförderung", "nouveau poste", "entretien", "وظيفة", "مقابلة", "नौकरी", "इंटरव्यू"),
    "languages & learning": ("learning chinese", "learning german", "language exchange", "duolingo", "course",
                             "学中文", "学德语", "学英语", "学法语", "sprachkurs", "deutsch lernen", "cours de",
                             "apprendre", "تعلم اللغة", "सीखना", "भाषा"),
    "art & museums": ("museum", "exhibition", "painting", "gallery", "博物馆", "展览", "画画", "美术馆", "ausstellung",
                      "museum", "malen", "musée", "exposition", "peinture", "متحف", "معرض", "संग्रहालय", "प्रदर्शनी"),
    "volunteering": ("volunteer", "charity", "nonprofit", "志愿", "公益", "ehrenamt", "bénévol", "تطوع", "स्वयंसेवा"),
}

_NON_LATIN = re.compile(r"[^\x00-\u024f]")


def _build_matcher():
    """Keyword tables for a fast match: Latin words by exact form or by prefix, Latin phrases and non-Latin
    keywords by substring. (One big regex of all keywords took 0.3 ms per message: 30 s for 100,000.)"""
    exact: dict[str, set[str]] = {}
    prefix: dict[str, set[str]] = {}
    phrases: list[tuple[str, str]] = []
    other: list[tuple[str, str]] = []
    for label, keywords in LEXICON.items():
        for kw in keywords:
            k = kw.strip().lower()
            if not k:
                continue
            if _NON_LATIN.search(k):
                other.append((k, label))
            elif not re.fullmatch(r"\w+", k):
                phrases.append((k, label))
            elif len(k) <= 3 or kw.endswith(" "):
                exact.setdefault(k, set()).add(label)
            else:
                prefix.setdefault(k, set()).add(label)
    lengths = sorted({len(k) for k in prefix})
    return exact, prefix, lengths, phrases, other


_EXACT, _PREFIX, _PREFIX_LENGTHS, _PHRASES, _OTHER = _build_matcher()
_LATIN_WORD = re.compile(r"[a-z0-9\u00c0-\u024f]+")
_ORDER = {label: n for n, label in enumerate(LEXICON)}


def match_interests(text: str) -> list[str]:
    """The lexicon interests a text mentions. Latin keywords match at the start of a word ("climb" finds
    "climbing"; short ones only as whole words), others anywhere."""
    low = text.lower()
    found: set[str] = set()
    for w in _LATIN_WORD.findall(low):
        if w in _EXACT:
            found |= _EXACT[w]
        for n in _PREFIX_LENGTHS:
            if n > len(w):
                break
            labels = _PREFIX.get(w[:n])
            if labels:
                found |= labels
    for phrase, label in _PHRASES:
        if label not in found and phrase in low and re.search(r"(?<![\w])" + re.escape(phrase), low):
            found.add(label)
    if not low.isascii():
        for kw, label in _OTHER:
            if label not in found and kw in low:
                found.add(label)
    return sorted(found, key=_ORDER.__getitem__)


@dataclass
class Interest:
    kind: str  # 'interest' (from the lexicon or the LLM) or 'topic' (distinctive words)
    label: str
    score: float
    shared: bool = False
    evidence: list[int] = field(default_factory=list)  # messages.id
    method: str = "offline"


def interests_for(store, contact_id: int) -> list[Interest]:
    """Stored interests and topics of one contact, best first (interests before topics)."""
    rows = store.db.execute(
        "SELECT kind, label, score, shared, evidence, method FROM contact_interests WHERE contact_id = ? "
        "ORDER BY kind = 'topic', shared DESC, score DESC, label",
        (contact_id,),
    ).fetchall()
    return [Interest(r[0], r[1], r[2], bool(r[3]), json.loads(r[4]), r[5]) for r in rows]


# --- offline extraction ----------------------------------------------------------------------------------

def _user_interest_counts(db) -> Counter:
    counts: Counter = Counter()
    for text in history.all_outbound_texts(db):
        for label in match_interests(text):
            counts[label] += 1
    return counts


def _contact_messages(db, contact_id: int) -> list:
    """The contact's 1:1 messages (both directions) and what they wrote in groups, plus the user's replies in the
    group sessions where they wrote (via the chunks)."""
    in_sessions = [r[0] for r in db.execute(
        "SELECT DISTINCT value FROM retrieval_chunks c, json_each(c.message_ids) "
        "WHERE c.group_id IS NOT NULL AND c.rid IN (SELECT rid FROM retrieval_chunk_people WHERE contact_id = ?)",
        (contact_id,))]
    return history.texts_with(db, contact_id, in_sessions)


def offline_interests(db, contact_id: int, user_counts: Counter, doc_freq: Counter, n_docs: int) -> list[Interest]:
    msgs = _contact_messages(db, contact_id)
    theirs: dict[str, list[int]] = defaultdict(list)
    mine: dict[str, list[int]] = defaultdict(list)
    for m in msgs:
        labels = match_interests(m["text"])
        if not labels:
            continue
        own = m["direction"] == "in" and (
            m["sender_id"] == contact_id or (m["sender_id"] is None and m["contact_id"] == contact_id)
        )
        for label in labels:
            (theirs if own else mine)[label].append(m["id"])
    out: list[Interest] = []
    for label, ids in theirs.items():
        with_me = mine.get(label, [])
        shared = bool(with_me) or user_counts.get(label, 0) >= 2
        score = len(ids) + 0.5 * len(with_me)
        evidence = sorted(ids[:4] + with_me[:2])
        out.append(Interest("interest", label, round(score, 2), shared, evidence))

    # topics: distinctive words of this contact's conversations
    tf: Counter = Counter()
    where: dict[str, list[int]] = defaultdict(list)
    for m in msgs:
        for w in set(topic_terms(m["text"])):
            tf[w] += 1
            if len(where[w]) < 3:
                where[w].append(m["id"])
    covered = {i.label for i in out}
    out.extend(
        Interest("topic", w, score, False, where[w])
        for w, score in pick_topics(tf, doc_freq, n_docs)
        if w.lower() not in covered and not match_interests(w)
    )
    return out


TOPIC_MAX_SHARE = 0.03  # a topic word appears in at most this share of all chunks

_TOPIC_WORD = re.compile(r"[^\W\d_][^\W_]{3,}", re.UNICODE)
_CJK = re.compile(f"[{HAN}]{{2,}}")
_TOPIC_STOP = STOPWORDS | frozenset(
    """this that with have just what when will would could should there their they about really thanks thank
    good great nice cool okay yeah haha hahaha lol sure also very much some more time today tomorrow yesterday
    week weekend next last been were from your yours here where which while still back well then than them
    happy birthday year night morning evening busy work sounds talk soon later hope doing going
    doch auch noch aber schon heute morgen gestern danke gerne wieder einen einem einer diese dieser mich dich
    dann wenn mal sehr viel ganz gut alles immer bitte hast habe haben wird sind bist kann kannst hallo
    gerade geht bald passt schönes wochenende nacht gute
    merci bien très avec mais tout tous pour cette sont suis avez avons aussi comme faire demain hier bonne
    salut bonjour encore peut alors quand chez rien marche accord nuit année bientôt
    hello dear best regards cheers message messages photo image sticker omitted media attached subject
    """.split()
)


def topic_terms(text: str) -> list[str]:
    """Candidate topic words of a message: words of 4+ letters (not stopwords), and Chinese 2-4 character
    n-grams (there is no word segmenter offline; pick_topics keeps the longest distinctive ones)."""
    terms = []
    for w in _TOPIC_WORD.findall(_CJK.sub(" ", text)):
        lw = w.lower()
        if lw in _TOPIC_STOP or lw.startswith("http"):
            continue
        terms.append(w if w.isupper() or (w[0].isupper() and len(w) > 1) else lw)
    for run in _CJK.findall(text):
        for n in (2, 3, 4):
            terms.extend(run[i : i + n] for i in range(len(run) - n + 1))
    return terms


def pick_topics(tf: Counter, doc_freq: Counter, n_docs: int, limit: int = 6) -> list[tuple[str, float]]:
    """Terms seen in at least 2 messages of this contact and in few other contacts' histories, by TF-IDF.
    A term inside a longer chosen one, or a piece of a longer term seen as often, is dropped."""
    scored = []
    for w, n in tf.items():
        df = doc_freq.get(w, 0)
        if n < 2 or df > max(2.0, TOPIC_MAX_SHARE * n_docs):
            continue
        idf = math.log((1 + n_docs) / (1 + df)) + 1
        scored.append((n * idf * (1 + 0.1 * min(len(w), 6)), w))
    chosen: list[tuple[str, float]] = []
    for score, w in sorted(scored, reverse=True):
        if any(w in c for c, _ in chosen):
            continue
        if _CJK.fullmatch(w) and any(len(o) > len(w) and w in o and tf[o] >= tf[w] for o in tf):
            continue
        chosen = [(c, sc) for c, sc in chosen if c not in w]
        chosen.append((w, round(score, 2)))
        if len(chosen) == limit:
            break
    return chosen


def _doc_freq(db) -> tuple[Counter, int]:
    """In how many chunks of conversation each term appears (the background the topics must stand out from).
    Terms from people's names (contacts and the user) are counted as everywhere: a name is not a topic."""
    df: Counter = Counter()
    n = 0
    for (text,) in db.execute("SELECT text FROM retrieval_chunks"):
        df.update(set(topic_terms(text)))
        n += 1
    n = max(1, n)
    names = list(contact_sql.names_by_id(db).values()) + contact_sql.my_names(db)
    for name in names:
        for term in topic_terms(name):
            df[term] = n
        for part in re.split(r"[\s.,()]+", name):
            if len(part) >= 2:
                df[part] = df[part.lower()] = n
    return df, n


# --- LLM extraction --------------------------------------------------------------------------------------


def llm_interests(settings: Settings, db, contact_id: int, name: str, *, max_messages: int = 60, client=None) -> list[Interest]:
    """Ask the configured chat model; returns validated interests (evidence restricted to ids it was shown)."""
    msgs = _contact_messages(db, contact_id)
    if not msgs:
        return []
    # the most recent messages plus those the lexicon flags, capped
    flagged = [m for m in msgs if match_interests(m["text"])]
    chosen = {m["id"]: m for m in (flagged[-max_messages // 2 :] + msgs[-max_messages // 2 :])}
    lines = []
    for m in sorted(chosen.values(), key=lambda m: m["id"]):
        who = "me" if m["direction"] == "out" else name
        text = " ".join(m["text"].split())[:400]
        lines.append(f"[{m['id']}] {who}: {text}")
    from assistant.llm.prompts import prompt as prompt_file

    template = prompt_file("interests").text
    prompt = template.replace("{contact}", name).replace("{messages}", "\n".join(lines))
    if client is None:
        import openai

        client = openai.OpenAI(
            api_key=settings.openai_api_key.get_secret_value() or "none", base_url=settings.openai_base_url or None,
            timeout=settings.llm_timeout, max_retries=settings.llm_max_retries,
        )
    resp = client.chat.completions.create(
        model=settings.chat_model, messages=[{"role": "user", "content": prompt}], temperature=0
    )
    content = resp.choices[0].message.content or ""
    return parse_llm_answer(content, set(chosen), settings.chat_model)


def parse_llm_answer(content: str, shown_ids: set[int], model: str) -> list[Interest]:
    """Read the model's JSON answer; unknown evidence ids are dropped, labels without evidence are dropped."""
    start, end = content.find("{"), content.rfind("}")
    if start < 0 or end <= start:
        raise ValueError("the model's answer holds no JSON object")
    data = json.loads(content[start : end + 1])
    out = []
    for kind, key in (("interest", "interests"), ("topic", "topics")):
        for item in data.get(key, []) or []:
            if not isinstance(item, dict):
                continue
            label = " ".join(str(item.get("label", "")).split())[:60]
            evidence = [int(i) for i in item.get("evidence", []) if str(i).isdigit() and int(i) in shown_ids]
            if not label or not evidence:
                continue
            out.append(Interest(kind, label, float(len(evidence)), bool(item.get("shared")), evidence, f"llm:{model}"))
    return out


# --- orchestration ---------------------------------------------------------------------------------------


def _signatures(db) -> dict[int, str]:
    """Per contact: a fingerprint of the chunks their interests are computed from."""
    return {
        r[0]: r[1]
        for r in db.execute(
            "SELECT p.contact_id, count(*) || ':' || group_concat(c.text_hash, '') FROM retrieval_chunk_people p "
            "JOIN retrieval_chunks c ON c.rid = p.rid GROUP BY p.contact_id"
        )
    }


def extract_interests(
    store,
    settings=None,
    *,
    method: str = "offline",
    contact_ids: list[int] | None = None,
    force: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
    errors: list[str] | None = None,
) -> int:
    """(Re)compute interests for contacts whose conversations changed (or `contact_ids`, or all with force).
    method: 'offline' or 'llm' (offline is always computed; the LLM result is added when asked; an LLM failure
    is appended to `errors` and the offline result kept). Returns the number of contacts updated. Needs the
    chunks (run after RetrievalIndex.update)."""
    db = store.db
    sigs = _signatures(db)
    stored = {r[0]: r[1] for r in db.execute("SELECT contact_id, signature FROM interests_state")}
    if contact_ids is not None:
        todo = [c for c in contact_ids if c in sigs]
    else:
        todo = [c for c, s in sigs.items() if force or stored.get(c) != s]
    if not todo:
        return 0
    user_counts = _user_interest_counts(db)
    df, n_docs = _doc_freq(db)
    names = contact_sql.names_by_id(db)
    now = int(time.time())
    for i, cid in enumerate(sorted(todo)):
        found = offline_interests(db, cid, user_counts, df, n_docs)
        if method == "llm":
            try:
                found += llm_interests(settings, db, cid, names.get(cid, "them"))
            except Exception as e:  # the offline result stands; say why the LLM one is missing
                if errors is not None:
                    errors.append(f"interests of {names.get(cid, cid)} (#{cid}) by LLM failed: {e}")
        with store.transaction():
            db.execute("DELETE FROM contact_interests WHERE contact_id = ?", (cid,))
            db.executemany(
                "INSERT OR REPLACE INTO contact_interests (contact_id, kind, label, score, shared, evidence, method, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(cid, x.kind, x.label, x.score, int(x.shared), json.dumps(x.evidence), x.method, now) for x in found],
            )
            db.execute(
                "INSERT INTO interests_state (contact_id, signature) VALUES (?, ?) "
                "ON CONFLICT (contact_id) DO UPDATE SET signature = excluded.signature",
                (cid, sigs[cid]),
            )
        if progress:
            progress("interests", i + 1, len(todo))
    return len(todo)


def resolve_method(settings: Settings) -> str:
    m = (settings.interests_method or "auto").lower()
    if m == "auto":
        return "llm" if settings.llm_configured() else "offline"
    if m not in ("offline", "llm"):
        raise ValueError(f"OUTREACH_INTERESTS={m!r}: use offline, llm or auto")
    return m
