"""Hard long multi-session two-person chats with labelled questions, written in the LoCoMo format, so that
`run_public_eval.py` reads them exactly as it reads the public benchmark.

    .venv/bin/python evals/retrieval/hard_conversations.py --out /tmp/hard.json

Three year-long chats (30 sessions each, ~300 turns each, ~950 in all; 100 questions), deterministic (seeded):

* Maya and Tom, English;
* Jonas and Lena, German with some English turns;
* Sofía and Wei, English with Spanish turns (Sofía) and Chinese turns (Wei).

What makes them hard (on purpose):
* questions are paraphrases that share few or no content words with the evidence ("What did Tom replace his
  scooter with?" for "Sold my old Vespa and bought an e-bike"), some cross-lingual (a Chinese or French question
  over German or Spanish turns);
* questions name one of the two speakers, and the *other* speaker has a near miss on the same theme (Tom runs a
  half marathon, Maya a 5k; Lena's bike has a flat, Jonas' bike is stolen);
* topics come back over the year (the dog, the marathon, the engagement and the wedding, the breakup and the
  reconciliation), and small talk repeats near-identical lines ("how's the training going?") in most sessions;
* temporal questions ("When is Tom's wedding?") and a few multi-hop ones with evidence in two sessions;
* sessions often open with a greeting naming the other person ("hey Tom!"), as real chats and LoCoMo's do;
* and, as in LoCoMo, some questions that reuse the evidence's words ("How long is Tom's commute now?": `overlap`),
  where the lexical side counts.

Format (LoCoMo): a list of samples, each {"sample_id", "conversation": {"speaker_a", "speaker_b",
"session_N_date_time": "1:56 pm on 8 May, 2023", "session_N": [{"speaker", "dia_id": "DN:i", "text"}]},
"qa": [{"question", "answer", "evidence": ["DN:i"], "category"}]}. Categories as in LoCoMo: 1 multi-hop,
2 temporal, 3 inference, 4 single-hop. An extra "lang" per question (ignored by readers of the public data).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import datetime, timedelta
from pathlib import Path

SESSIONS = 30
T0 = datetime(2023, 1, 8, 18, 30)

# A fact: (session, speaker 'a'|'b', text, label or None, [(question, category, lang, answer)]). Facts sharing a
# label form one piece of evidence (multi-hop questions list their label in MULTI). Near misses have no questions.
CHATS = {
    "hard-maya-tom": {
        "a": "Maya", "b": "Tom", "lang": "en",
        "small": {
            "a": ["hey! how are you?", "haha yes", "ok sounds good", "talk later!", "work is crazy at the moment",
                  "how was your weekend?", "pretty quiet here", "same here", "thanks a lot!", "no worries",
                  "how's the training going?", "I need a holiday", "the weather is awful again", "good night!",
                  "running late, sorry", "lol", "let me know when you're free", "I'll call you tomorrow"],
            "b": ["all good, busy week", "haha true", "ok cool", "sure, why not", "how's the training going?",
                  "work is crazy at the moment", "same old, same old", "the train was delayed again", "lol",
                  "I'm so tired today", "thanks!", "no problem", "good night", "we should meet up soon",
                  "did you see the game last night?", "my phone is acting up again", "happy Friday!"],
        },
        "topical": {  # theme words without the facts' specifics: distractors
            "a": ["Pixel is sleeping on the sofa again", "the dog needs a walk, brb", "thinking about a new job lately",
                  "we looked at another flat today, too small", "I went for a run this morning",
                  "thesis writing is slow this week", "my team had a long meeting about planning"],
            "b": ["the training plan says 30 km this week", "Ines says hi", "work at the startup is intense",
                  "I cooked pasta for Ines's parents", "I went to the gym after work", "wedding planning is a lot",
                  "my e-mail inbox is a disaster"],
        },
        "facts": [
            (2, "b", "Got the offer from the wind-turbine startup in Aarhus, I start in April", "job",
             [("Where is Tom's new employer based?", 4, "en", "Aarhus"),
              ("When did Tom say he would begin his new position?", 2, "en", "April 2023")]),
            (5, "a", "My company wants me to look at an office in Rotterdam, not sure yet", None, []),
            (3, "a", "I finally adopted the greyhound from the shelter, we named him Pixel", "dog",
             [("What kind of dog did Maya get?", 4, "en", "a greyhound")]),
            (7, "b", "My neighbour's beagle keeps barking all night", None, []),
            (4, "b", "Started pottery classes on Tuesday evenings, my first bowl is lopsided", "pottery",
             [("Which craft hobby did Tom pick up?", 4, "en", "pottery")]),
            (9, "a", "I tried a watercolour workshop, not for me", None, []),
            (6, "a", "My brother Sam broke his wrist snowboarding in Val Thorens", "wrist",
             [("How did Maya's sibling get hurt?", 4, "en", "snowboarding accident")]),
            (8, "b", "Ran my first half marathon in 1:48, legs are jelly", "half",
             [("What was Tom's finishing time in the race?", 4, "en", "1:48")]),
            (12, "a", "I jogged 5k this morning in 31 minutes, slow but happy", "fivek",
             [("How fast did Maya run her 5k?", 4, "en", "31 minutes")]),
            (10, "a", "We booked two weeks in Hokkaido for February, ski and onsen", "hokkaido",
             [("Where is Maya going for her winter holiday?", 4, "en", "Hokkaido")]),
            (11, "b", "Thinking about Lapland for the northern lights someday", None, []),
            (11, "b", "My grandmother turned 95, we threw a party in her garden", "gran",
             [("How old did Tom's gran become?", 4, "en", "95")]),
            (13, "a", "I'm switching to a four-day week from September to finish my master's thesis", "fourday",
             [("Why is Maya reducing her working hours?", 3, "en", "to finish her thesis")]),
            (14, "b", "Sold my old Vespa and bought an e-bike, commute is 20 minutes now", "ebike",
             [("What did Tom replace his scooter with?", 4, "en", "an e-bike")]),
            (15, "a", "Our landlord is raising the rent by 15 percent, we're looking for a new flat", "rent",
             [("Why does Maya want to move out?", 3, "en", "the rent goes up 15%")]),
            (16, "b", "Proposed to Ines on the beach in Porto, she said yes!", "engaged",
             [("Where did Tom get engaged?", 4, "en", "on a beach in Porto"),
              ("Who is Tom going to marry?", 4, "en", "Ines")]),
            (18, "a", "I've been learning to play the cello, lesson every Saturday with Mrs Okafor", "cello",
             [("Which instrument is Maya studying?", 4, "en", "cello")]),
            (18, "b", "I still have my old guitar but never play it", None, []),
            (19, "b", "Had food poisoning after that sushi place on Baker Street, two days in bed", "sick",
             [("What made Tom ill?", 4, "en", "bad sushi")]),
            (20, "a", "Got promoted to team lead, seven people report to me now", "lead",
             [("How many people does Maya manage?", 4, "en", "seven")]),
            (21, "b", "Ines and I are moving to Aarhus together in June", "together",
             [("When will Tom and his fiancée start living together?", 2, "en", "June")]),
            (23, "a", "Pixel ate my glasses, vet bill was 300 euros", "glasses",
             [("What did Maya's pet chew up?", 4, "en", "her glasses")]),
            (24, "b", "Finished reading all of Ursula Le Guin's Earthsea books", "earthsea",
             [("Which fantasy series did Tom complete?", 4, "en", "Earthsea")]),
            (26, "a", "Mum's hip replacement went well, she's home now", "hip",
             [("What operation did Maya's mother have?", 4, "en", "hip replacement")]),
            (27, "b", "Our wedding date is set: 12 October, at a vineyard near Porto", "wedding",
             [("When is Tom's wedding?", 2, "en", "12 October")]),
            (28, "a", "I submitted the thesis! Defence is on 3 December", "defence",
             [("When will Maya defend her dissertation?", 2, "en", "3 December")]),
            (29, "b", "Started volunteering at the food bank on Sundays", "foodbank",
             [("What charity work does Tom do?", 4, "en", "food bank volunteering")]),
        ],
        "overlap": [("pottery", "When did Tom start pottery classes?", 2, "en"), ("half", "How did Tom's first half marathon go?", 4, "en"),
                    ("hokkaido", "When is Maya's ski and onsen trip?", 2, "en"), ("ebike", "How long is Tom's commute now?", 4, "en"),
                    ("cello", "Who gives Maya her cello lessons?", 4, "en"), ("sick", "Which sushi place made Tom sick?", 4, "en"),
                    ("glasses", "How much was the vet bill for Pixel?", 4, "en"), ("lead", "When did Maya get promoted to team lead?", 2, "en"),
                    ("earthsea", "Which Earthsea author did Tom read?", 4, "en"), ("foodbank", "When does Tom volunteer at the food bank?", 4, "en")],
        "multi": [("Which Danish city is Tom moving to, and with whom?", 1, "en", "Aarhus, with Ines",
                   ["job", "together"]),
                  ("What has Maya's greyhound done this year?", 1, "en", "adopted; ate her glasses",
                   ["dog", "glasses"])],
        "replies": {"a": ["wow, congrats!!", "oh no, I'm sorry", "that's amazing", "haha no way", "tell me more!"],
                    "b": ["no way!", "so cool", "oh dear", "congrats!!", "haha amazing"]},
    },
    "hard-jonas-lena": {
        "a": "Jonas", "b": "Lena", "lang": "de",
        "small": {
            "a": ["Hallo, wie geht's?", "Alles gut bei dir?", "Danke dir!", "Bis bald", "Schönes Wochenende!",
                  "Ich melde mich später", "Klingt gut", "Viel Stress gerade", "Gute Nacht", "haha ja",
                  "Wie läuft das Training?", "Ich brauche Urlaub", "Der Zug hatte wieder Verspätung", "ok cool"],
            "b": ["Hey! Alles gut", "Ja, passt", "Lange nicht gehört", "Bin gerade unterwegs", "Haha, stimmt",
                  "Kein Problem", "Lass uns bald telefonieren", "Ich bin so müde heute", "Wie läuft das Training?",
                  "Das Wetter ist furchtbar", "sounds good!", "Danke!", "Gute Nacht :)"],
        },
        "topical": {
            "a": ["Die Werkstatt hat heute lange gedauert", "Ich war heute laufen", "Leipzig ist echt schön im Sommer",
                  "Mit der Band proben wir jetzt dienstags", "Das Rad braucht neue Bremsen"],
            "b": ["Der Dienst in der Klinik war heute lang", "Ich war heute joggen", "Wir planen schon den Umzug",
                  "Die Katze schläft den ganzen Tag", "Portugiesisch ist schwerer als gedacht"],
        },
        "facts": [
            (2, "b", "Ich habe die Stelle bei der Charité bekommen, ab Mai arbeite ich in der Kinderkardiologie", "job",
             [("Wo arbeitet Lena jetzt?", 4, "de", "an der Charité"), ("Which hospital hired Lena?", 4, "en", "Charité")]),
            (3, "a", "Mein Fahrrad wurde am Hauptbahnhof geklaut, zum zweiten Mal dieses Jahr", "bike",
             [("Was ist mit Jonas' Rad passiert?", 4, "de", "gestohlen")]),
            (4, "b", "Mein Rad hat einen Platten, ich schiebe es zur Werkstatt", None, []),
            (5, "b", "Wir waren zwei Wochen in Georgien wandern, der Kaukasus war unglaublich", "hike",
             [("Where did Lena go trekking?", 4, "en", "Georgia, the Caucasus"),
              ("Où Lena a-t-elle fait de la randonnée ?", 4, "fr", "en Géorgie")]),
            (6, "a", "Ich habe mit dem Rauchen aufgehört, heute sind es drei Monate", "smoke",
             [("Welche Gewohnheit hat Jonas abgelegt?", 4, "de", "Rauchen")]),
            (8, "b", "Meine Schwester Clara bekommt Zwillinge im Herbst", "twins",
             [("Whose sibling is expecting two babies?", 4, "en", "Lena's sister Clara")]),
            (9, "a", "Die Band hat endlich ein Konzert im Lido gespielt, ich war am Schlagzeug", "drums",
             [("Welches Instrument spielt Jonas?", 4, "de", "Schlagzeug")]),
            (10, "b", "Ich singe manchmal im Chor, aber nur an Weihnachten", None, []),
            (11, "b", "I passed the driving test on the third attempt!!", "license",
             [("Wie oft ist Lena zur Führerscheinprüfung angetreten?", 4, "de", "dreimal")]),
            (12, "a", "Wir haben die Wohnung in Neukölln gekündigt und ziehen nach Leipzig", "leipzig",
             [("In welche Stadt zieht Jonas?", 4, "de", "Leipzig")]),
            (14, "b", "Mein Vater hatte einen leichten Schlaganfall, er ist in der Reha in Bad Wildbad", "stroke",
             [("What happened to Lena's dad?", 4, "en", "a mild stroke")]),
            (15, "a", "Ich mache jetzt eine Umschulung zum Tischler", "carpenter",
             [("Welchen neuen Beruf lernt Jonas?", 4, "de", "Tischler")]),
            (17, "b", "Wir haben einen Kater aus dem Tierheim geholt, er heißt Mops, obwohl er eine Katze ist", "cat",
             [("Wie heißt Lenas Haustier?", 4, "de", "Mops"), ("莉娜的猫叫什么名字", 4, "zh", "Mops")]),
            (18, "a", "Bin beim Berliner Halbmarathon in 1:59 ins Ziel gekommen", "half",
             [("Wie schnell war Jonas beim Halbmarathon?", 4, "de", "1:59")]),
            (19, "b", "Ich laufe nur noch 5 km, mehr schaffen meine Knie nicht", None, []),
            (20, "b", "Ich lerne Portugiesisch, weil wir nächstes Jahr nach Lissabon gehen", "portuguese",
             [("Warum nimmt Lena Sprachunterricht?", 3, "de", "Umzug nach Lissabon")]),
            (21, "a", "Meine Oma ist letzte Woche gestorben, die Beerdigung ist am Freitag in Kassel", "funeral",
             [("Where is the funeral of Jonas' grandmother?", 4, "en", "Kassel")]),
            (22, "b", "We got married at the registry office, just the two of us and two witnesses", "married",
             [("Wie hat Lena geheiratet?", 4, "de", "standesamtlich, im kleinen Kreis")]),
            (24, "a", "Die Tischlerei in Leipzig hat mich übernommen, unbefristeter Vertrag!", "hired",
             [("Hat Jonas nach der Ausbildung eine feste Anstellung bekommen?", 3, "de", "ja, unbefristet")]),
            (25, "b", "Meine Doktorarbeit über angeborene Herzfehler ist angenommen", "phd",
             [("Worüber hat Lena promoviert?", 4, "de", "angeborene Herzfehler")]),
            (27, "a", "Ich habe mir einen alten VW-Bus gekauft und baue ihn zum Camper aus", "van",
             [("What vehicle is Jonas converting?", 4, "en", "an old VW bus")]),
            (28, "b", "Der Umzug nach Lissabon ist für den 1. März geplant", "lisbon",
             [("Wann zieht Lena nach Portugal?", 2, "de", "1. März")]),
        ],
        "overlap": [("bike", "Wo wurde Jonas' Fahrrad geklaut?", 4, "de"), ("smoke", "Seit wann hat Jonas mit dem Rauchen aufgehört?", 2, "de"),
                    ("twins", "Wann bekommt Clara ihre Zwillinge?", 2, "de"), ("drums", "Where did Jonas' band play a concert?", 4, "en"),
                    ("stroke", "Wo macht Lenas Vater Reha?", 4, "de"), ("cat", "Woher haben Lena und ihr Mann den Kater?", 4, "de"),
                    ("van", "Was baut Jonas aus dem VW-Bus?", 4, "de"), ("lisbon", "When is the move to Lisbon planned?", 2, "en")],
        "multi": [("Wo hat Jonas nach seinem Umzug Arbeit gefunden?", 1, "de", "in einer Tischlerei in Leipzig",
                   ["leipzig", "hired"])],
        "replies": {"a": ["Wow, Glückwunsch!", "Oh nein, das tut mir leid", "Krass!", "Haha, echt?", "Erzähl mehr!"],
                    "b": ["Echt jetzt?", "Wie cool!", "Oh je", "Glückwunsch!!", "Haha super"]},
    },
    "hard-sofia-wei": {
        "a": "Sofía", "b": "Wei", "lang": "en",
        "small": {
            "a": ["hola! how are you?", "jaja sí", "ok perfect", "hablamos luego!", "so much work this week",
                  "how was your weekend?", "¡buenas noches!", "gracias!", "no pasa nada", "how's the training going?",
                  "I need vacaciones", "qué calor hoy", "te llamo mañana"],
            "b": ["hi! all good", "哈哈哈", "好的", "busy week here", "晚安", "how's the training going?",
                  "最近忙吗？", "ok cool", "thanks!", "改天聊", "the metro was broken again", "周末愉快"],
        },
        "topical": {
            "a": ["the lab was freezing today", "went for a long run along the beach", "Kiwi is screaming again",
                  "my sister sends photos every day", "thinking about flats in Lisbon"],
            "b": ["the drone tests took all day", "climbing gym was packed", "我今天加班", "我爸妈又在看房子",
                  "my Spanish app streak is 40 days"],
        },
        "facts": [
            (2, "b", "我下个月开始在深圳的一家无人机公司上班", "job",
             [("Which industry is Wei's new employer in?", 4, "en", "drones"),
              ("陈伟的新工作在哪个城市", 4, "zh", "深圳")]),
            (3, "a", "Mi abuela me enseñó a hacer tamales para Navidad", "tamales",
             [("Who taught Sofía a holiday recipe?", 4, "en", "her grandmother")]),
            (4, "b", "I've started bouldering three times a week at a gym near my flat", "boulder",
             [("What sport is Wei doing?", 4, "en", "bouldering"), ("¿Qué deporte practica Wei?", 4, "es", "escalada")]),
            (5, "a", "I tried yoga but kept falling asleep in savasana", None, []),
            (6, "a", "Defendí mi tesis de biología marina, ¡ya soy doctora!", "phd",
             [("What field is Sofía's PhD in?", 4, "en", "marine biology"),
              ("Dans quel domaine Sofía a-t-elle soutenu sa thèse ?", 4, "fr", "biologie marine")]),
            (7, "b", "My mom visited from Chengdu and cooked hotpot for everyone", "mom",
             [("Where is Wei's mother from?", 4, "en", "Chengdu")]),
            (9, "a", "We're adopting a rescue parrot called Kiwi, he says hola", "parrot",
             [("What kind of bird did Sofía take in?", 4, "en", "a parrot")]),
            (9, "b", "My roommate has a hamster, it runs all night", None, []),
            (10, "b", "我和女朋友小雨分手了，心情很差", "breakup",
             [("What happened between Wei and his girlfriend?", 4, "en", "they broke up"),
              ("陈伟和谁分手了", 4, "zh", "小雨")]),
            (12, "a", "Got a postdoc in Lisbon studying coral reefs, starting January", "postdoc",
             [("¿Dónde hará Sofía el posdoctorado?", 4, "es", "Lisboa")]),
            (13, "b", "Broke my finger bouldering, no climbing for six weeks", "finger",
             [("How did Wei injure himself?", 4, "en", "climbing: a broken finger")]),
            (15, "a", "Running the Valencia marathon in December, training 50 km a week", "valencia",
             [("Which race is Sofía preparing for?", 4, "en", "the Valencia marathon")]),
            (16, "b", "我爸爸退休了，他们准备搬到大理住", "dali",
             [("Where are Wei's parents moving after retirement?", 4, "en", "Dali")]),
            (18, "a", "My sister Carmen had a baby girl, Lucía, 3.2 kilos", "niece",
             [("What's the name of Sofía's niece?", 4, "en", "Lucía"), ("索菲亚的外甥女叫什么", 4, "zh", "Lucía")]),
            (19, "b", "I'm learning Spanish on Duolingo so I can talk to your abuela", "spanish",
             [("Why is Wei studying a foreign language?", 3, "en", "to talk to Sofía's grandmother")]),
            (21, "a", "Terminé el maratón de Valencia en 3:41, ¡lloré en la meta!", "time",
             [("How long did Sofía take for the race in Valencia?", 4, "en", "3:41")]),
            (22, "b", "Our drone team won a contract with a farm cooperative in Yunnan", "contract",
             [("What deal did Wei's company land?", 4, "en", "a contract with a farm cooperative")]),
            (24, "a", "Kiwi learned to whistle the Star Wars theme", "whistle",
             [("What tune can Sofía's parrot whistle?", 4, "en", "the Star Wars theme")]),
            (25, "b", "I'm flying to Lisbon to visit you in March!", "visit",
             [("When is Wei coming to see Sofía?", 2, "en", "March")]),
            (27, "a", "Moved into a flat in Alfama, tiny but with a view of the river", "alfama",
             [("Dans quel quartier vit Sofía à Lisbonne ?", 4, "fr", "Alfama")]),
            (28, "b", "小雨和我又和好了，我们打算明年结婚", "makeup",
             [("Did Wei get back together with his ex?", 4, "en", "yes, they plan to marry")]),
        ],
        "overlap": [("boulder", "How often does Wei go bouldering?", 4, "en"), ("mom", "What did Wei's mom cook when she visited?", 4, "en"),
                    ("parrot", "What does Sofía's parrot Kiwi say?", 4, "en"), ("postdoc", "When does Sofía's postdoc on coral reefs start?", 2, "en"),
                    ("finger", "How long can Wei not climb after breaking his finger?", 4, "en"),
                    ("valencia", "How many km a week is Sofía training for the marathon?", 4, "en"),
                    ("contract", "Where is the farm cooperative of Wei's drone contract?", 4, "en"),
                    ("alfama", "What is the view from Sofía's flat in Alfama?", 4, "en")],
        "multi": [("How did Wei's relationship change over the year?", 1, "en", "broke up, then got back together",
                   ["breakup", "makeup"])],
        "replies": {"a": ["¡qué bien!", "oh no, lo siento", "wow congrats!", "jajaja", "cuéntame más"],
                    "b": ["太好了！", "哎呀", "wow", "恭喜！", "haha nice"]},
    },
}


GREETINGS = {"en": ["hey {}!", "hi {}, how are you?", "{}! long time", "morning {} :)", "hola {}!", "{}，在吗？"],
             "de": ["Hallo {}!", "Hey {}, wie geht's?", "{}! Lange nicht gehört", "Hi {} :)"]}


def _date_time(t: datetime) -> str:
    hour = t.hour % 12 or 12
    return f"{hour}:{t.minute:02d} {'am' if t.hour < 12 else 'pm'} on {t.day} {t.strftime('%B')}, {t.year}"


def build(seed: int = 17) -> list[dict]:
    rnd = random.Random(seed)
    samples = []
    for sample_id, chat in CHATS.items():
        names = {"a": chat["a"], "b": chat["b"]}
        by_session: dict[int, list] = {}
        for session, who, text, label, qs in chat["facts"]:
            by_session.setdefault(session, []).append((who, text, label, qs))
        conv: dict = {"speaker_a": chat["a"], "speaker_b": chat["b"]}
        evidence: dict[str, list[str]] = {}
        qa: list[dict] = []
        t = T0
        for s in range(1, SESSIONS + 1):
            t += timedelta(days=rnd.randint(7, 16), minutes=rnd.randint(-180, 180))
            conv[f"session_{s}_date_time"] = _date_time(t)
            lines: list[tuple[str, str, str | None, list]] = []
            who = rnd.choice("ab")
            n_small = rnd.randint(6, 9)
            for _ in range(n_small):
                lines.append((who, rnd.choice(chat["small"][who]), None, []))
                who = "b" if who == "a" else "a"
            for _ in range(rnd.randint(1, 2)):
                w = rnd.choice("ab")
                lines.insert(rnd.randint(1, len(lines)), (w, rnd.choice(chat["topical"][w]), None, []))
            if rnd.random() < 0.6:  # sessions often open by naming the other person, as real chats (and LoCoMo) do
                w = rnd.choice("ab")
                other_name = names["b" if w == "a" else "a"]
                lines.insert(0, (w, rnd.choice(GREETINGS[chat["lang"]]).format(other_name), None, []))
            for who_f, text, label, qs in by_session.get(s, []):
                at = rnd.randint(1, len(lines) - 1)
                other = "b" if who_f == "a" else "a"
                lines[at:at] = [(who_f, text, label, qs), (other, rnd.choice(chat["replies"][other]), None, [])]
            turns = []
            for i, (w, text, label, qs) in enumerate(lines, 1):
                dia = f"D{s}:{i}"
                turns.append({"speaker": names[w], "dia_id": dia, "text": text})
                if label:
                    evidence.setdefault(label, []).append(dia)
                for question, cat, lang, answer in qs:
                    qa.append({"question": question, "answer": answer, "evidence": [dia], "category": cat,
                               "lang": lang})
            conv[f"session_{s}"] = turns
        for label, question, cat, lang in chat.get("overlap", []):  # LoCoMo-like: reuses the evidence's words
            qa.append({"question": question, "answer": "", "evidence": evidence[label], "category": cat, "lang": lang})
        for question, cat, lang, answer, labels in chat.get("multi", []):
            qa.append({"question": question, "answer": answer, "evidence": [d for lb in labels for d in evidence[lb]],
                       "category": cat, "lang": lang})
        samples.append({"sample_id": sample_id, "conversation": conv, "qa": qa})
    return samples


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=17)
    args = ap.parse_args(argv)
    samples = build(args.seed)
    args.out.write_text(json.dumps(samples, ensure_ascii=False, indent=1))
    turns = sum(len(v) for s in samples for k, v in s["conversation"].items() if k.startswith("session_")
                and not k.endswith("date_time"))
    print(f"{len(samples)} conversations, {turns} turns, {sum(len(s['qa']) for s in samples)} questions -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
