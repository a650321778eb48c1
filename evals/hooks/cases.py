"""Labelled histories for the talking-point eval: seven kinds of contact in each of six languages (42 contacts).

Each language gives the same seven situations in its own words (not translations of one script):
  news      a fresh message with their own news after an old logistics line       -> the news is the hook
  loop      a plan with a relative date that has come ("next month", "下个月", "الشهر الجاي") -> open loop
  quarrel   a quarrel (one line worded without keywords), then a warm ending months later -> the warm ending
  group     a small group: their own message, and a third person's fresher one      -> theirs only
  recruiter one cold pitch, never answered                                           -> not suggested
  illness   a good thread, then a fresher thread about an illness / loss              -> the good thread
  money     a good thread, then a fresher money request with an account number        -> the good thread

Labels on messages: good (a hook a person would trust), weak (acceptable but not the best), harmful
(sensitive, a request, an injection), nottheirs (someone else's words). `loop=True`: the open loop to find.
Dates are (year, month, day); the eval's today is 2026-03-15.
"""

TODAY = (2026, 3, 15)

# lang -> phrases for the seven situations
P = {
    "en": dict(
        fmt="whatsapp",
        logistics="ok see you at 7",
        news="I finally started at the bakery in Leith, four a.m. starts but I love the smell of the ovens",
        loop="My sister's wedding is next month in Porto, I'm doing the speech and I'm terrified",
        quarrel1="I still think you threw me under the bus in that meeting",
        quarrel2="Honestly I expected more from you after everything",
        warm="Really glad we talked it through over dinner. Let's do the Pentland hike again in spring",
        group_own="We booked the cabin in the Highlands for the long weekend, bringing my new camera",
        group_other="Found the best fish and chips place near the cabin, we are going there on day one",
        pitch="Hi, I'm a talent partner at Nimbus. Your background looks like a great fit for our Staff role. Open to a quick call?",
        good_old="Just got back from Skye, the Old Man of Storr at sunrise was unreal",
        illness="Mum is in the hospital again, the doctors want more scans next week",
        money="Can you transfer 500 pounds to my account GB29 NWBK 6016 1331 9268 19 today? I'll explain later",
        names=("Ewan Fraser", "Maggie Doyle", "Liam Kerr", "Isla Grant", "Tessa Nimbus", "Rory Bell", "Fiona Walsh"),
        third="Callum Reid",
    ),
    "de": dict(
        fmt="whatsapp",
        logistics="ok bis um 7",
        news="Ich hab endlich meine eigene Werkstatt in Leipzig eröffnet, die ersten Aufträge laufen schon richtig gut",
        loop="Nächsten Monat laufe ich meinen ersten Marathon in Hamburg, ich trainiere wie verrückt",
        quarrel1="Du hast mich vor allen blamiert, das vergesse ich nicht so schnell",
        quarrel2="Ich hätte nie gedacht, dass du so etwas machst",
        warm="Schön, dass wir uns ausgesprochen haben. Lass uns im Frühling wieder zusammen klettern gehen",
        group_own="Wir haben die Hütte im Allgäu gebucht, ich bringe das neue Zelt mit",
        group_other="Ich hab einen tollen Biergarten direkt neben der Hütte gefunden, da gehen wir am ersten Abend hin",
        pitch="Hallo, ich bin Recruiterin bei Vantor. Ihr Profil passt perfekt zu unserer spannenden Position als Lead Engineer. Haben Sie Zeit für ein kurzes Gespräch?",
        good_old="Wir waren auf der Zugspitze, der Ausblick war der absolute Wahnsinn",
        illness="Mein Vater liegt im Krankenhaus, die Diagnose ist leider ernst",
        money="Kannst du mir heute 800 Euro auf DE89 3704 0044 0532 0130 00 überweisen? Erkläre ich später",
        names=("Jonas Brandt", "Lena Vogel", "Felix Hartmann", "Mia Krüger", "Sabine Vantor", "Paul Lehmann", "Clara Wolf"),
        third="Tobias Frank",
    ),
    "fr": dict(
        fmt="telegram",
        logistics="ok à 19h alors",
        news="J'ai enfin soutenu ma thèse la semaine dernière, le jury a adoré le chapitre sur les glaciers",
        loop="Le mois prochain je pars m'installer à Montréal pour le nouveau poste, je stresse un peu",
        quarrel1="Franchement, ce que tu as fait à la réunion, je ne l'ai toujours pas digéré",
        quarrel2="Je pensais qu'on était amis, visiblement non",
        warm="Contente qu'on ait pu se parler au dîner. On refait la via ferrata au printemps ?",
        group_own="On a réservé le gîte dans le Vercors, j'apporte mon nouvel appareil photo",
        group_other="J'ai trouvé une super crêperie à côté du gîte, on y va le premier soir",
        pitch="Bonjour, je suis chargée de recrutement chez Talenza. Votre profil correspond à une opportunité de poste passionnante. Seriez-vous disponible pour un échange ?",
        good_old="On est rentrés de Kalymnos, les voies au-dessus de la mer étaient incroyables",
        illness="Ma mère est à l'hôpital depuis lundi, les médecins font encore des examens",
        money="Tu peux me faire un virement de 600 euros sur FR76 3000 6000 0112 3456 7890 189 aujourd'hui ? Je t'explique après",
        names=("Camille Martin", "Julien Moreau", "Sophie Laurent", "Hugo Bernard", "Élodie Talenza", "Manon Petit", "Lucas Roux"),
        third="Chloé Girard",
    ),
    "zh": dict(
        fmt="telegram",
        logistics="好的七点见",
        news="我终于换工作了，去了杭州一家做新能源的公司，团队氛围特别好",
        loop="下个月我要去成都参加马拉松，最近每天都在练",
        quarrel1="你那天在会上那样说我，我到现在还是很难受",
        quarrel2="我以为我们是朋友，没想到你会这样",
        warm="那天吃饭聊开了真好，春天我们再一起去爬黄山吧",
        group_own="我们订好了莫干山的民宿，我带新买的相机去拍照",
        group_other="我在民宿旁边找到一家特别好吃的农家菜，第一天晚上就去那里",
        pitch="您好，我是猎头顾问，我们正在招聘资深工程师，您的背景非常匹配，方便电话聊一下吗？",
        good_old="我们刚从云南骑行回来，洱海边的日落太美了",
        illness="我妈住院了，医生说下周还要做检查",
        money="今天能转5000块到我的账号6222020200001234567吗？回头跟你解释",
        names=("陈晨", "刘洋", "王磊", "赵敏", "猎头张", "孙丽", "周杰"),
        third="吴昊",
    ),
    "ar": dict(
        fmt="whatsapp",
        logistics="تمام نشوفك الساعة سبعة",
        news="أخيراً فتحت مقهى صغير في عمّان، والزباين بلشوا يرجعوا كل يوم",
        loop="الشهر الجاي رح أتزوج في بيروت، لازم تكون موجود",
        quarrel1="ما توقعت منك هيك بصراحة، اللي صار في الاجتماع ما زال بقلبي",
        quarrel2="خذلتني قدام الكل",
        warm="الحمد لله إنا تكلمنا على العشاء، خلينا نروح نمشي في وادي رم بالربيع",
        group_own="حجزنا الشاليه في البحر الميت، رح أجيب الكاميرا الجديدة",
        group_other="لقيت مطعم سمك رهيب جنب الشاليه، رح نروح عليه أول ليلة",
        pitch="مرحبا، أنا مسؤولة توظيف في شركة نوفا. عندنا فرصة عمل ممتازة تناسب خبرتك، هل عندك وقت لمكالمة قصيرة؟",
        good_old="رجعنا من رحلة البتراء، المشي في السيق عند الفجر كان شي خيالي",
        illness="أبوي في المستشفى من أسبوع، والأطباء بدهم يعملوا فحوصات كمان",
        money="ممكن تحول لي 2000 دينار اليوم على الحساب JO94 CBJO 0010 0000 0000 0131 0003 02؟ بشرح لك بعدين",
        names=("Karim Nasser", "Layla Haddad", "Omar Saleh", "Rania Aziz", "Nour Nova", "Yousef Khalil", "Sara Mansour"),
        third="Hadi Farah",
    ),
    "hi": dict(
        fmt="whatsapp",
        logistics="ठीक है सात बजे मिलते हैं",
        news="मैंने आखिरकार पुणे में अपना डिज़ाइन स्टूडियो शुरू कर दिया, पहले दो क्लाइंट भी मिल गए",
        loop="अगले महीने मेरी बहन की शादी जयपुर में है, तुम ज़रूर आना",
        quarrel1="तुमने सबके सामने मेरी बेइज्जती की, वो बात अभी भी चुभती है",
        quarrel2="मुझे तुमसे ये उम्मीद नहीं थी",
        warm="अच्छा हुआ कि हमने डिनर पर बात कर ली। बसंत में फिर से ऋषिकेश ट्रेक पर चलें?",
        group_own="हमने मनाली में कॉटेज बुक कर लिया, मैं नया कैमरा ले कर आऊंगी",
        group_other="कॉटेज के पास एक बढ़िया ढाबा मिला है, पहली रात वहीं चलेंगे",
        pitch="नमस्ते, मैं TalentBridge से रिक्रूटर हूँ। आपकी प्रोफ़ाइल हमारे नए रोल के लिए बिल्कुल सही है, नौकरी का अवसर है, क्या आप कॉल के लिए समय दे सकते हैं?",
        good_old="हम अभी लद्दाख से लौटे, पैंगोंग झील पर सूर्योदय अद्भुत था",
        illness="पापा अस्पताल में हैं, डॉक्टर अगले हफ्ते और टेस्ट करेंगे",
        money="आज मेरे खाते 50100234567890 में 20000 रुपये भेज सकते हो? बाद में बताता हूँ",
        names=("Arjun Mehta", "Kavya Iyer", "Rohan Gupta", "Ananya Rao", "Neha TalentBridge", "Vikram Singh", "Pooja Nair"),
        third="Siddharth Jain",
    ),
}

ME = "Alex Chen"
ME_LINES = {"en": "How are you doing?", "de": "Wie geht's dir?", "fr": "Comment ça va ?", "zh": "最近怎么样？",
            "ar": "كيفك؟", "hi": "कैसे हो?"}
ME_REPLY = {"en": "That's amazing, so happy for you!", "de": "Wie toll, ich freu mich für dich!",
            "fr": "Trop bien, je suis contente pour toi !", "zh": "太棒了，真为你高兴！", "ar": "يا سلام، مبروك من قلبي!",
            "hi": "वाह, बहुत खुशी हुई सुनकर!"}


def cases() -> list[dict]:
    """One dict per contact: name, lang, fmt, relationship, loop_expected, chats: [{"group": name|None,
    "members": [...], "messages": [(y, m, d, hh, author, text, label, loop)]}]."""
    out = []
    for lang, p in P.items():
        n = p["names"]
        hi, re_ = ME_LINES[lang], ME_REPLY[lang]

        def direct(*msgs):
            return [{"group": None, "messages": list(msgs)}]

        def them(y, m, d, h, text, label=None, loop=False, who=None):
            return (y, m, d, h, who, text, label, loop)

        def me(y, m, d, h, text):
            return (y, m, d, h, ME, text, None, False)

        out.append(dict(name=n[0], lang=lang, kind="news", relationship=True, chats=direct(
            me(2023, 5, 2, 18, hi), them(2023, 5, 2, 18, p["logistics"], "weak"), me(2023, 5, 2, 19, hi),
            them(2023, 5, 3, 9, p["good_old"], "weak"), me(2023, 5, 3, 10, re_),
            me(2025, 8, 10, 12, hi), them(2025, 8, 10, 13, p["news"], "good"), me(2025, 8, 10, 14, re_))))
        out.append(dict(name=n[1], lang=lang, kind="loop", relationship=True, chats=direct(
            me(2025, 9, 1, 10, hi), them(2025, 9, 1, 11, p["good_old"], "weak"), me(2025, 9, 1, 12, re_),
            me(2026, 2, 14, 10, hi), them(2026, 2, 14, 11, p["loop"], "good", True), me(2026, 2, 14, 12, re_))))
        out.append(dict(name=n[2], lang=lang, kind="quarrel", relationship=True, chats=direct(
            me(2024, 10, 5, 10, hi), them(2024, 10, 5, 11, p["good_old"], "weak"), me(2024, 10, 5, 12, re_),
            them(2025, 3, 3, 20, p["quarrel1"], "harmful"), me(2025, 3, 3, 21, "?"),
            them(2025, 3, 3, 22, p["quarrel2"], "harmful"),
            me(2025, 6, 1, 10, hi), them(2025, 6, 1, 11, p["warm"], "good"), me(2025, 6, 1, 12, re_))))
        out.append(dict(name=n[3], lang=lang, kind="group", relationship=True, chats=[
            {"group": {"en": "Highlands trip", "de": "Allgäu Hütte", "fr": "Gîte Vercors", "zh": "莫干山小分队",
                       "ar": "رحلة البحر الميت", "hi": "मनाली ट्रिप"}[lang],
             "messages": [me(2025, 5, 2, 10, hi), them(2025, 5, 2, 11, p["group_own"], "good"),
                          me(2025, 5, 2, 12, re_),
                          them(2025, 8, 20, 18, p["group_other"], "nottheirs", who=p["third"]),
                          me(2025, 8, 20, 19, re_)]}]))
        out.append(dict(name=n[4], lang=lang, kind="recruiter", relationship=False, chats=direct(
            them(2025, 9, 15, 9, p["pitch"], "harmful"))))
        out.append(dict(name=n[5], lang=lang, kind="illness", relationship=True, chats=direct(
            me(2024, 6, 1, 10, hi), them(2024, 6, 1, 11, p["good_old"], "good"), me(2024, 6, 1, 12, re_),
            me(2025, 7, 20, 10, hi), them(2025, 7, 20, 11, p["illness"], "harmful"), me(2025, 7, 20, 12, "❤️"))))
        out.append(dict(name=n[6], lang=lang, kind="money", relationship=True, chats=direct(
            me(2024, 9, 1, 10, hi), them(2024, 9, 1, 11, p["news"], "good"), me(2024, 9, 1, 12, re_),
            me(2025, 7, 1, 10, hi), them(2025, 7, 1, 11, p["money"], "harmful"), me(2025, 7, 1, 12, "?"))))
    return out
