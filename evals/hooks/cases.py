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
    return out + hard_cases()


# --- hard cases added for issue "drafts" (a recipient's view): one set per language, Spanish included ---------
# personal   their own news in the 1:1 chat (the talking point to find)
# broadcast  a fresher line of theirs to a whole small group ("Hi all", "@all", "大家好")       -> unsuitable
# reproach   a fresher reproach at the user with no angry keyword ("you never reply, typical")  -> harmful
# wish       a message that opens with a wish / sign-off and then says something real: the talking point,
#            and the draft's topic must be the real thing, not the wish ("have a great weekend")
# cold       a recruiter the user answered politely twice: if suggested, a plain note (needs_fill), never warmth
# mates      two members of one small group, both in its freshest thread, each with an older 1:1 line of
#            their own: they are not both given the same group thread
N = {
    "en": dict(personal="I've been restoring an old sailing boat in Oban, the hull is finally sanded",
               broadcast="Hi all, quick reminder that the reunion dinner moved to Friday at eight, see you there",
               reproach="You never reply to anything I send anymore, typical",
               wish="Have a lovely weekend! We finally opened the community garden on Leith Walk, tomatoes are already in",
               cold="Hi, I'm a talent partner at Corvid. Your background looks like a great fit for a Principal role. Open to a quick call?",
               mate1="The new bouldering gym near Haymarket is brilliant, I went three times this week",
               mate2="Just finished the Edinburgh half marathon in under two hours",
               group_thread=("I booked us a table for the pub quiz at the Sheep Heid on Thursday",
                             "Count me in for the quiz, I'll bring my brother-in-law as well"),
               names=("Duncan Reid", "Morag Innes", "Kirsty Lyall", "Hamish Boyd"),
               topic_personal="boat|Oban|hull", topic_wish="garden|Leith Walk|tomato", group="Edinburgh crew"),
    "de": dict(personal="Ich restauriere gerade einen alten Bulli in Freiburg, der Motor läuft endlich wieder",
               broadcast="Hallo zusammen, das Klassentreffen ist jetzt am Freitag um acht, bis dann",
               reproach="Du meldest dich ja eh nie, typisch",
               wish="Schönes Wochenende! Ich habe endlich den Segelschein gemacht, nächstes Jahr geht es an die Ostsee",
               cold="Hallo, ich bin Recruiterin bei Korvo. Ihr Profil passt perfekt zu einer spannenden Position als Architekt. Haben Sie Zeit für ein kurzes Gespräch?",
               mate1="Die neue Boulderhalle am Hafen ist der Hammer, ich war diese Woche dreimal dort",
               mate2="Ich bin gerade den Halbmarathon in Köln unter zwei Stunden gelaufen",
               group_thread=("Ich hab uns einen Tisch fürs Kneipenquiz im Goldenen Hirsch am Donnerstag reserviert",
                             "Ich bin beim Quiz dabei und bringe meinen Schwager mit"),
               names=("Till Kramer", "Nina Sommer", "Jan Fuchs", "Eva Brandl"),
               topic_personal="Bulli|Freiburg|Motor", topic_wish="Segelschein|Ostsee", group="Freiburger Runde"),
    "fr": dict(personal="Je restaure une vieille 2CV à Nantes, le moteur tourne enfin",
               broadcast="Bonjour à tous, petit rappel : le dîner des anciens est déplacé à vendredi 20h",
               reproach="Tu ne réponds jamais à mes messages, c'est toujours la même chose avec toi",
               wish="Bon week-end ! J'ai enfin fini de restaurer le vieux voilier de mon grand-père",
               cold="Bonjour, je suis chargée de recrutement chez Corvia. Votre profil correspond à une opportunité de poste passionnante. Seriez-vous disponible pour un échange ?",
               mate1="La nouvelle salle de bloc près du canal est géniale, j'y suis allée trois fois cette semaine",
               mate2="Je viens de finir le semi-marathon de Nantes en moins de deux heures",
               group_thread=("J'ai réservé une table pour le quiz au bar jeudi soir",
                             "Je suis partant pour le quiz, je viens avec mon beau-frère"),
               names=("Bastien Leroy", "Inès Caron", "Théo Marchand", "Léa Fontaine"),
               topic_personal="2CV|Nantes|moteur", topic_wish="voilier|grand-père", group="Les Nantais"),
    "zh": dict(personal="我最近在修一辆老式摩托车，发动机终于能打着火了",
               broadcast="大家好，同学聚会改到周五晚上八点了，到时见",
               reproach="你从来不回我消息，每次都这样",
               wish="周末愉快！我最近开始学陶艺了，做了第一个杯子",
               cold="您好，我是猎头顾问，我们正在招聘架构师，您的背景非常匹配，方便电话聊一下吗？",
               mate1="新开的攀岩馆就在地铁站旁边，我这周去了三次",
               mate2="我刚跑完杭州半程马拉松，两个小时以内",
               group_thread=("我订好了周四晚上酒吧知识竞赛的桌子", "我去我去，还带我小舅子一起"),
               names=("郑凯", "何静", "冯涛", "韩雪"),
               topic_personal="摩托|发动机", topic_wish="陶艺|杯子", group="杭州老友"),
    "ar": dict(personal="عم صلّح سيارة قديمة فولكس فاجن، والموتور أخيراً اشتغل",
               broadcast="مرحبا بالجميع، عشاء الدفعة صار يوم الجمعة الساعة ثمانية",
               reproach="ما بترد على رسايلي أبداً، دايماً هيك",
               wish="جمعة مباركة! أخيراً خلصت دورة التصوير",
               cold="مرحبا، أنا مسؤولة توظيف في شركة كورفا. عندنا فرصة عمل ممتازة تناسب خبرتك، هل عندك وقت لمكالمة قصيرة؟",
               mate1="صالة التسلق الجديدة جنب الجامعة رهيبة، رحت عليها ثلاث مرات هالأسبوع",
               mate2="خلصت نص ماراثون عمّان بأقل من ساعتين",
               group_thread=("حجزت طاولة لمسابقة المعلومات بالمقهى يوم الخميس", "أنا جاي وبجيب صهري معي"),
               names=("Fadi Jaber", "Dana Hijazi", "Sami Qasem", "Lina Awad"),
               topic_personal="فولكس|سيارة|الموتور", topic_wish="التصوير", group="شلة عمّان"),
    "hi": dict(personal="हम पिछले हफ्ते लोनावला ट्रेक पर गए थे, बारिश में झरने कमाल के थे",
               broadcast="सभी को नमस्ते, पुराने दोस्तों का डिनर अब शुक्रवार आठ बजे है",
               reproach="तुम कभी मेरे मैसेज का जवाब नहीं देते, हमेशा यही करते हो",
               wish="शुभकामनाएं! मैंने आखिरकार गिटार सीखना शुरू कर दिया, पहला गाना भी बजा लिया",
               cold="नमस्ते, मैं HireNest से रिक्रूटर हूँ। आपकी प्रोफ़ाइल हमारे नए रोल के लिए बिल्कुल सही है, नौकरी का अवसर है, क्या आप कॉल के लिए समय दे सकते हैं?",
               mate1="नया बोल्डरिंग जिम स्टेशन के पास है, मैं इस हफ्ते तीन बार गई",
               mate2="मैंने अभी पुणे हाफ मैराथन दो घंटे से कम में पूरी की",
               group_thread=("मैंने गुरुवार को कैफ़े वाले क्विज़ के लिए टेबल बुक कर ली है", "मैं चलूँगा, अपने साले को भी लाऊँगा"),
               names=("Aditya Joshi", "Meera Kulkarni", "Nikhil Desai", "Shreya Patil"),
               topic_personal="लोनावला|ट्रेक|झरने", topic_wish="गिटार|गाना", group="पुणे गैंग"),
    "es": dict(personal="Estoy restaurando una Vespa antigua en Valencia, por fin arranca el motor",
               broadcast="Hola a todos, la cena de antiguos alumnos pasa al viernes a las ocho",
               reproach="Nunca contestas mis mensajes, siempre igual contigo",
               wish="¡Buen fin de semana! Por fin terminé el Camino de Santiago, treinta días andando",
               cold="Hola, soy reclutadora en Corvida. Tu perfil encaja perfectamente con una oportunidad laboral, ¿tienes tiempo para una llamada rápida?",
               mate1="El nuevo rocódromo junto al puerto es genial, fui tres veces esta semana",
               mate2="Acabo de terminar la media maratón de Valencia en menos de dos horas",
               group_thread=("He reservado mesa para el quiz del bar el jueves", "Yo me apunto y llevo a mi cuñado"),
               names=("Pablo Serrano", "Lucía Navarro", "Diego Molina", "Marta Ortega"),
               topic_personal="Vespa|Valencia|motor", topic_wish="Camino de Santiago|Camino", group="Valencia amigos"),
}
ME_LINES_ES = ("¿Qué tal?", "¡Qué bien, me alegro mucho!")
THANKS = {"en": "Thanks, not looking right now but good luck", "de": "Danke, aktuell suche ich nicht, viel Erfolg",
          "fr": "Merci, je ne cherche pas en ce moment", "zh": "谢谢，目前没有换工作的打算", "ar": "شكراً، حالياً ما بدور",
          "hi": "धन्यवाद, अभी मैं नहीं देख रहा", "es": "Gracias, ahora mismo no busco cambio"}
FOLLOW = {"en": "No worries, I'll keep you posted on future roles", "de": "Kein Problem, ich melde mich bei neuen Rollen",
          "fr": "Pas de souci, je vous tiens au courant", "zh": "好的，以后有合适的机会再联系您",
          "ar": "ولا يهمك، بخبرك إذا في فرص جديدة", "hi": "कोई बात नहीं, नए रोल आने पर बताऊँगी",
          "es": "Sin problema, te aviso si surge algo"}
# the topic a draft should name for a good talking point, per good phrase (any of these words)
TOPICS = {
    "en": {"news": "bakery|Leith", "loop": "wedding|Porto|speech", "warm": "Pentland|hike", "group_own": "cabin|Highlands|camera",
           "good_old": "Skye|Old Man|Storr"},
    "de": {"news": "Werkstatt|Leipzig", "loop": "Marathon|Hamburg", "warm": "klettern|Frühling", "group_own": "Hütte|Allgäu|Zelt",
           "good_old": "Zugspitze"},
    "fr": {"news": "thèse|glaciers|jury", "loop": "Montréal|poste", "warm": "via ferrata", "group_own": "gîte|Vercors|appareil",
           "good_old": "Kalymnos|voies"},
    "zh": {"news": "杭州|新能源|工作|公司", "loop": "成都|马拉松", "warm": "黄山", "group_own": "莫干山|民宿|相机",
           "good_old": "云南|洱海|骑行|日落"},
    "ar": {"news": "مقهى|عمّان|عمان", "loop": "بيروت|أتزوج|زواج|عرس", "warm": "وادي رم", "group_own": "الشاليه|البحر الميت|الكاميرا",
           "good_old": "البتراء|السيق"},
    "hi": {"news": "स्टूडियो|पुणे|डिज़ाइन", "loop": "जयपुर|शादी|बहन", "warm": "ऋषिकेश|ट्रेक", "group_own": "मनाली|कॉटेज|कैमरा",
           "good_old": "लद्दाख|पैंगोंग|झील"},
}


def topic_words() -> dict[str, str]:
    """message text -> the words (a|b|c) one of which a draft naming it should carry."""
    out = {}
    for lang, t in TOPICS.items():
        for key, words in t.items():
            out[P[lang][key]] = words
    for lang, n in N.items():
        out[n["personal"]] = n["topic_personal"]
        out[n["wish"]] = n["topic_wish"]
        out[n["mate1"]] = "bouldering|Boulder|bloc|攀岩|التسلق|बोल्डरिंग|rocódromo|gym|Haymarket|Hafen|canal"
        out[n["mate2"]] = "marathon|Marathon|马拉松|ماراثون|मैराथन|maratón|half|Halbmarathon|semi"
    return out


def hard_cases() -> list[dict]:
    out = []
    for lang, n in N.items():
        hi, re_ = (ME_LINES[lang], ME_REPLY[lang]) if lang in ME_LINES else ME_LINES_ES
        a, b, c, d = n["names"]

        def them(y, m, dd, h, text, label=None, who=None):
            return (y, m, dd, h, who, text, label, False)

        def me(y, m, dd, h, text):
            return (y, m, dd, h, ME, text, None, False)

        # broadcast: their own news 1:1, then a fresher "Hi all" line of theirs in a small group
        out.append(dict(name=a, lang=lang, kind="broadcast", relationship=True, chats=[
            {"group": None, "messages": [me(2025, 6, 3, 10, hi), them(2025, 6, 3, 11, n["personal"], "good"),
                                         me(2025, 6, 3, 12, re_)]},
            {"group": n["group"] + " 2010", "messages": [
                them(2025, 9, 1, 10, n["broadcast"], "unsuitable"), me(2025, 9, 1, 11, "👍"),
                them(2025, 9, 1, 12, "👍", None, who=d)]}]))
        # reproach: a good thread, then a fresher reproach with no angry word
        out.append(dict(name=b, lang=lang, kind="reproach", relationship=True, chats=[
            {"group": None, "messages": [me(2025, 5, 1, 10, hi), them(2025, 5, 1, 11, n["wish"], "good"),
                                         me(2025, 5, 1, 12, re_),
                                         them(2025, 9, 20, 21, n["reproach"], "harmful"), me(2025, 9, 20, 22, "?")]}]))
        # cold: a pitch, two polite answers: not a relationship; if suggested, a plain note
        out.append(dict(name=f"{c} (recruiter)", lang=lang, kind="cold", relationship=False, chats=[
            {"group": None, "messages": [them(2025, 10, 2, 9, n["cold"], "harmful"), me(2025, 10, 2, 12, THANKS[lang]),
                                         them(2025, 10, 2, 13, FOLLOW[lang], "harmful"), me(2025, 10, 2, 14, "👍")]}]))
        # mates: two members of one small group, both in its freshest thread, each with an older 1:1 line
        g = n["group"]
        q1, q2 = n["group_thread"]
        out.append(dict(name=c, lang=lang, kind="mates", relationship=True, pair=g, chats=[
            {"group": None, "messages": [me(2025, 2, 5, 10, hi), them(2025, 2, 5, 11, n["mate1"], "good"), me(2025, 2, 5, 12, re_)]},
            {"group": g, "messages": [them(2025, 8, 9, 19, q1, "good"), me(2025, 8, 9, 20, "🙌")]}]))
        out.append(dict(name=d, lang=lang, kind="mates", relationship=True, pair=g, chats=[
            {"group": None, "messages": [me(2025, 2, 6, 10, hi), them(2025, 2, 6, 11, n["mate2"], "good"), me(2025, 2, 6, 12, re_)]},
            {"group": g, "messages": [them(2025, 8, 9, 21, q2, "good")]}]))
    return out
