"""Hand-written non-Chinese conversation scripts for the demo data set (same mini-language as scripts_cn.py).

Times are Alex's local time at that date (Shenzhen until 2019-05, then Berlin; his stay in Paris in
spring 2022 is the same time zone as Berlin). All people, companies, numbers and addresses are invented.
"""

# ---------------------------------------------------------------------------------------------------
# Anna Schmidt — WhatsApp Android export, English UI with German date format. N = Anna.
ANNA = r"""
@ 2019-09-26 22:41
N: Hi Alex, hier ist Anna vom Kubernetes-Meetup 🙂 Hat mich gefreut! Hier die Slides zu meinem Talk: https://speakerdeck.example/annaschmidt/operators-in-der-praxis
A: Hi Anna! Danke dir, der Teil über den etcd-Backup-Operator war super
N: Danke! Du hattest doch nach dem Restore-Test gefragt – wir spielen das Backup jeden Montag automatisch in einen Wegwerf-Cluster ein
A: Das ist clever. Bei uns testet niemand die Backups 😅
N: Klassiker. Bis man sie braucht 🙈

@ 2019-10-02 12:15
A: Hey Anna, hast du diese Woche Zeit für einen Kaffee? Ich bin neu in Berlin und kenne noch kaum Leute
N: Klar! Donnerstag Mittag? Ich arbeite am Moritzplatz
A: Perfekt, 12:30 im Café im Aufbau Haus?
N: Deal ☕

@ 2019-10-31 19:03
N: Wir fahren am 9. November in die Sächsische Schweiz wandern, ein paar Leute vom Meetup. Lust?
A: Sehr gern! Wie lang ist die Tour?
N: Eine Malerweg-Etappe, ca. 17 km, Basteibrücke inklusive. Zug um 7:38 ab Hauptbahnhof
A: 7:38 am Samstag… für die Bastei mache ich das
N: 😂 Gute Schuhe mitnehmen, es wird rutschig
@ 2019-11-09 17:55
N: [image]
N: [image]
N: Die Bastei im Nebel 😍
A: Was für ein Tag! Meine Beine sind fertig
N: Das war nur Mittelgebirge. Warte mal, bis wir in die Alpen gehen
A: Challenge accepted 🏔️

@ 2019-12-14 18:20
N: Glühwein am Gendarmenmarkt heute Abend? Ein paar Leute vom Meetup kommen auch
A: Bin dabei! 19 Uhr?
N: 19 Uhr am Eingang 🍷
@ 2019-12-14 23:10
N: Übrigens: Wir suchen noch Talks für das Januar-Meetup. Du hast doch so schön über Raft erzählt 😏
A: Haha, vor 20 Leuten?
N: Eher 80. Aber die sind alle nett, versprochen
A: Okay… "Wie etcd einen Leader wählt" – 20 Minuten?
N: Perfekt! Ich trag dich ein für den 23.1.
@ 2020-01-23 22:05
N: Dein Talk war super!! Die Animation mit den Wahl-Timeouts hat alle überzeugt
A: Danke! Ich war so nervös, meine Hände haben gezittert
N: Hat keiner gemerkt 😄 Drei Leute haben mich nach deinen Slides gefragt
A: Ich lade sie morgen hoch

@ 2020-03-22 11:30
N: Na, wie überstehst du den Lockdown?
A: Ich backe. Also, ich versuche es. Hefe gibt es nirgends
N: Dann mach Sauerteig! Ich hab einen Starter, der heißt Karl und ist zwei Jahre alt 😄
A: Dein Sauerteig hat einen Namen?
N: Natürlich. Ich kann dir ein Glas Karl vor die Tür stellen, ich wohne ja nur zwei Straßen weiter
A: Das wäre großartig!
@ 2020-03-23 18:10
N: Karl steht vor deiner Tür 🫙\nFüttern: 1:1:1 (Starter, Mehl, Wasser), Roggenvollkorn geht am besten. Warm stellen, ca. 24 °C. Nach 6–8 Std. sollte er sich verdoppeln
A: Danke!! Ich passe gut auf ihn auf
N: Karl ist robust, der hat schon einen Umzug überlebt

@ 2020-04-05 13:22
A: [image]
A: Mein erstes Brot… eher eine Pizza 😭
N: Hahaha er ist flach, aber die Kruste sieht gut aus!
N: Wahrscheinlich zu lange gegangen. Mach mal den Fingertest: Teig eindrücken, wenn die Delle langsam zurückkommt, ist er fertig
A: Versuch Nummer zwei kommt am Wochenende
@ 2020-04-12 10:40
A: [image]
A: Versuch zwei! Es hat eine Form!
N: JAAA 👏👏 Karl ist stolz auf dich

@ 2020-08-18 21:05
N: Ugh, heute hatten wir einen Incident. etcd-Disk voll, der ganze Cluster read-only
A: Oh nein. Defragmentierung vergessen?
N: Ja, und die Compaction lief nicht, weil jemand die Flags geändert hatte 🙄
A: Das Schöne an Raft: solange die Mehrheit lebt, verliert man nichts. Aber wenn auf allen drei Nodes die Disk voll ist, hilft auch Raft nicht 😅
N: Genau das hab ich ins Postmortem geschrieben 😂

@ 2020-07-11 09:15
N: Es wird 30 Grad heute. Müggelsee? Ich hab ein Picknick und Karl-Brot dabei
A: Ja! Ich bringe Wassermelone mit
N: S3 bis Friedrichshagen, dann 10 Minuten zu Fuß. Treffen um 11?
A: 👍
@ 2020-07-11 18:40
A: Bester Tag des Sommers bisher. Danke!
N: Das Wasser war eiskalt, aber gut 😄

@ 2020-12-24 16:00
A: Frohe Weihnachten, Anna! 🎄 Karl lebt übrigens noch und backt jeden Sonntag
N: Frohe Weihnachten! Das freut mich so 😊 Ich bin bei meinen Eltern in Rosenheim

@ 2021-03-28 20:11
N: Ich muss dir was erzählen: Ich ziehe im Mai nach München! Neuer Job und näher an den Bergen
A: Wow, Glückwunsch! Aber schade für Berlin
N: Du musst mich besuchen, dann gehen wir endlich in die Alpen
A: Versprochen
@ 2021-04-29 18:30
N: Samstag ist Umzug 😩 Hast du zufällig Zeit, beim Kistenschleppen zu helfen? Es gibt Pizza und Bier
A: Klar! Wann soll ich da sein?
N: 9 Uhr? Der Transporter kommt um halb zehn
A: Ich bringe meinen Akkuschrauber mit, für die Regale
@ 2021-05-01 17:45
N: DANKE. Ohne dich hätte ich das Sofa nie durchs Treppenhaus bekommen 🙏
A: Gern! Karl ist sicher im Auto verstaut?
N: Karl fährt vorne mit, angeschnallt 😄

@ 2021-07-16 17:05
A: Sitze im ICE nach München 🚄
N: Yay! Morgen früh Herzogstand, ich hol dich um 7 ab
@ 2021-07-17 12:50
N: [location 47.6097,11.3083 Herzogstand]
N: Gipfel! Herzogstand, 1731 m
A: Der Blick auf den Walchensee ist unglaublich
N: Und das ist nur der Anfang. Nächstes Jahr: Zugspitze

@ 2021-11-28 19:30
A: Wie ist München im Winter? Kann man da auch wandern?
N: Schneeschuhwandern! Jonas und ich gehen im Januar an den Spitzingsee. Komm mit!
A: Wer ist Jonas? 👀
N: 😄 Mein Freund. Ihr werdet euch mögen, er redet auch den ganzen Tag über Kubernetes
A: Dann bin ich dabei
@ 2022-01-15 16:45
N: [image]
N: Spitzingsee im Schnee ❄️ Danke fürs Mitkommen!
A: Das war wunderschön. Jonas ist super, wir haben zwei Stunden über Operatoren geredet 😂
N: Ich hab's gehört. Die ganze Zeit. 🙄😂

@ 2022-06-02 21:30
N: Also, Zugspitze. Ich denke an den Weg durchs Höllental, am 13. August. Bist du dabei?
A: Wie schwer ist das?
N: Lang: ca. 2200 Höhenmeter, oben ein Klettersteig. Helm und Klettersteigset brauchst du, kann ich dir leihen
A: Ich bin seit Shenzhen nicht mehr so viel gelaufen… aber ja, ich bin dabei!
N: Dann trainieren wir 😄 Mach bis dahin ein paar lange Touren mit vielen Höhenmetern
@ 2022-08-12 19:40
N: Wetter sieht gut aus! Treffpunkt morgen 5:00 am Parkplatz Hammersbach
A: 5 Uhr 😴 ok
N: [deleted]
N: Stirnlampe nicht vergessen!
@ 2022-08-13 06:20
N: [image]
N: Höllentalklamm 💦
@ 2022-08-13 13:55
N: [location 47.4211,10.9853 Zugspitze]
N: GIPFEL!!! 2962 m 🏔️🇩🇪
A: Ich kann nicht mehr. Aber was für ein Ausblick
N: Du warst super! Der Gletscher hat dich nicht gefressen 😂
A: Das war das Härteste, was ich je gemacht habe. Danke, dass du mich mitgenommen hast
N: Bier auf der Terrasse, dann mit der Bahn runter. Hast du dir verdient 🍺

@ 2022-12-24 17:10
N: Frohe Weihnachten, Alex! 🎄 Schau mal, was ich gebacken habe
N: [image]
A: Stollen?! Selbst gebacken?
N: Natürlich mit Karl als Vorteig 😄
A: Frohe Weihnachten, Anna!

@ 2023-03-23 19:15
A: [image]
A: Heute vor drei Jahren hast du mir Karl vor die Tür gestellt. Jubiläumsbrot!
N: 🥹 Ich bin eine stolze Oma

@ 2023-06-10 19:25
N: Wie läuft's bei der Arbeit? Du klangst letztes Mal genervt
A: Es gibt eine Umstrukturierung und ich bin nicht glücklich damit. Mein Team wird aufgelöst
N: Oh nein, das tut mir leid
A: Ich überlege, ob ich gehe. Aber erst mal tief durchatmen
N: Mach das. Und wenn du Abstand brauchst: Die Berge sind immer da 🏔️
@ 2023-08-13 09:00
N: [image]
N: Heute vor einem Jahr: Zugspitze! 🏔️
A: Ein Jahr schon! Meine Knie erinnern sich noch 😅
N: Nächstes Mal nehmen wir die Bahn hoch und laufen nur runter 😂

@ 2023-09-30 20:40
A: Update: Ich habe gekündigt und fange im Oktober bei einem kleineren Startup an
N: Glückwunsch!! Das klingt nach der richtigen Entscheidung
A: Fühlt sich gut an. Weniger Politik, mehr Code

@ 2023-11-19 18:00
N: Stell dir vor: Ich gebe jetzt einen Sauerteig-Kurs an der Volkshochschule 😄
A: Hahaha natürlich! Mit Karl als Co-Trainer?
N: Karl ist der Star. Jeder Teilnehmer bekommt ein Glas von ihm
A: Karl hat jetzt Enkel in ganz München

@ 2024-06-05 20:30
N: Hüttentour im Karwendel, 19.–21. Juli, mit Jonas und mir? Drei Tage, zwei Hütten
A: Ja! Welche Hütten?
N: Karwendelhaus und Falkenhütte. Ich hab schon reserviert, falls du Ja sagst 😄
A: Ich sage Ja!
@ 2024-07-21 18:30
N: [image]
N: [image]
N: Was für drei Tage. Danke, dass du dabei warst!
A: Danke euch! Der Sonnenaufgang an der Falkenhütte war magisch
N: Jonas sagt, du bist jetzt offiziell ein Bergmensch 😄

@ 2024-12-24 15:30
A: Frohe Weihnachten euch beiden! 🎄
N: Frohe Weihnachten! Wir sind in Rosenheim, Karl ist mitgereist 😄

@ 2025-03-12 21:10
N: Kurze Frage: Wir überlegen im neuen Team, Go statt Python für unsere Services zu nehmen. Du arbeitest doch viel mit Go?
A: Ja, seit Jahren. Für Services mit viel Nebenläufigkeit top, und das Deployment ist ein einzelnes Binary
N: Gibt's einen Haken?
A: Die Fehlerbehandlung ist ausführlich, und für Data Science bleibt Python besser. Ich würde es für die API-Services nehmen, nicht für die Modelle
N: Genau so hatte ich es mir gedacht. Danke! {edited}

@ 2025-07-08 20:50
N: Ich habe einen Talk für die Container Days eingereicht: "SRE in einer Versicherung – langweilig ist ein Feature" 😄 Magst du mal auf die Gliederung schauen?
A: Klar, schick her!
N: [file Gliederung_SRE_Versicherung.pdf]
@ 2025-07-09 21:30
A: Hab's gelesen. Super Titel! Zwei Ideen: Fang mit dem etcd-Incident von 2020 an, die Geschichte ist gut. Und kürz den Teil über Compliance, das ist eher ein eigener Talk
N: Oh ja, der Incident als Einstieg ist perfekt. Danke!!
A: Sag Bescheid, ob er angenommen wird
@ 2025-08-20 12:15
N: ANGENOMMEN! 🎉
A: Glückwunsch!! Ich komme zuhören, wenn ich kann

@ 2025-12-24 16:45
N: Frohe Weihnachten, Alex! 🎄
A: Frohe Weihnachten! Wie geht's Karl?
N: Karl ist jetzt sieben und kein bisschen müde 😄

@ 2026-05-30 20:15
N: Alex! Jonas und ich wollen im August nochmal auf die Zugspitze, diesmal durchs Reintal. Kommst du mit? Vier Jahre nach dem Höllental 😄
A: Oh, das klingt toll! Ich muss schauen, ob ich im August Urlaub bekomme
N: Sag bis Ende Juni Bescheid, dann reserviere ich auf der Knorrhütte
@ 2026-06-14 10:20
A: Sorry für die späte Antwort! Es sieht leider schlecht aus, wir haben im August einen großen Launch 😞
N: Schade! Dann nächstes Jahr. Die Zugspitze läuft nicht weg 🏔️
A: Abgemacht. Und ich will Fotos!
@ 2026-08-22 19:30
N: [image]
N: [image]
N: Wie versprochen: Fotos! Reintal, zwei Tage, und oben war Nebel 😂
A: Haha the classic Zugspitze experience. The Partnach gorge looks amazing
N: War es. Nächstes Jahr kommst du mit, keine Ausreden 😄
"""

# ---------------------------------------------------------------------------------------------------
# Tom Becker — WhatsApp Android, a thin history of three messages. T = Tom.
TOM = r"""
@ 2021-06-12 21:14
T: Hey Alex, Tom here from the Go meetup. Here's the talk on structured concurrency I mentioned: https://youtube.example/watch?v=go-conc-2021
A: Thanks Tom! Will watch it this weekend
T: 👍
"""

# ---------------------------------------------------------------------------------------------------
# Omar Haddad — WhatsApp iOS export (zip with _chat.txt). O = Omar. He writes Arabic (Levantine) so
# that Alex, who studied a year of Arabic, can practise; Alex answers in English with some Arabic.
OMAR = r"""
@ 2016-06-05 20:14
O: Hey Alex, it's Omar from the photo walk in Huaqiangbei 📷
A: Hey Omar! Great to meet you. Your shots of the market stalls were amazing
O: شكراً يا صديقي! You said you studied Arabic?
A: One year at university in Changsha… قليلاً فقط 😅
O: ممتاز! رح أحكي معك عربي عشان تتدرّب 😄
A: Deal. But slowly please
O: شوي شوي، وعد

@ 2016-07-10 18:30
O: بكرة الصبح رايح على قرية دافن للرسامين، بدك تيجي؟
A: Dafen oil painting village? Yes! What time?
O: الساعة ٨، الضو أحلى الصبح
A: OK, see you at 8 at Buji station
@ 2016-07-11 16:05
O: [image]
O: [image]
O: شوف هاي، الرسامين وهم شغالين
A: The one with the old man copying Van Gogh is incredible
O: كانت أحلى لقطة اليوم. You should print it

@ 2016-09-18 21:00
O: [image]
O: Baishizhou at night. المكان هاد رح يختفي قريب، بدهم يهدّوه
A: Sad. The whole urban village is so full of life
O: عشان هيك لازم نصوّره قبل ما يروح

@ 2016-12-04 01:08
O: رااااموس!!! الدقيقة ٩٠ 🔥🔥🔥
A: Unbelievable header. The bar in Shekou went crazy
O: ١-١ بالكامب نو، هاد مثل الفوز 😂
A: Next time I'll wear white too

@ 2017-04-23 10:30
O: [missed-call]
O: Sorry, pocket call 😅 بس بما إنك صاحي: photo walk in Dongmen this afternoon?
A: Haha yes, 3pm at the metro exit?
O: تمام

@ 2017-01-29 14:20
O: [image]
O: شينزن فاضية بالكامل! Chinese New Year, half the city went home
A: Best time for photos. No people in Huaqiangbei for once
O: بالزبط. I got the whole market street empty 😄

@ 2017-08-14 22:40
A: Omar, this is awkward and I'm sorry to ask
A: My dad is in hospital in Changsha and they need a deposit before the surgery. My savings are stuck in a fixed deposit until October
A: Could you lend me 15,000 RMB? I'll pay you back by the end of the year, I promise
O: يا رجل لا تعتذر. How is your father?
A: Stable, but they want to operate this week
O: ابعتلي رقم حسابك هلأ. I'll transfer tonight
A: Thank you. I really don't know what to say
O: ما في داعي تحكي شي. الأهل أهم شي. الله يشفيه
@ 2017-08-15 09:10
O: Done, sent by WeChat transfer 👍
A: Received. شكراً جزيلاً يا أخي
@ 2017-08-20 19:30
O: كيف الوالد اليوم؟
A: The surgery went well! He's already complaining about the hospital food 😂
O: الحمدلله 🙏 هاي علامة منيحة
@ 2017-10-16 20:00
A: Sent you the first 7,500 today. The rest in December
O: وصلت. يا زلمة لا تستعجل، خذ راحتك
@ 2017-12-20 21:15
A: And the other 7,500 is sent. Thank you again Omar, you helped my family when it mattered
O: وصلت. خلص يا رجل، لا تفكر فيها أبداً. This is what friends are for

@ 2018-02-08 19:45
O: خبر: راجع على عمّان الشهر الجاي. The startup is closing the Shenzhen office
A: Oh no. I'll miss our photo walks
O: وأنا كمان. Last photo walk before I go? Dongmen on Sunday?
A: Yes, definitely
@ 2018-03-10 08:20
O: بالمطار. شكراً على كل شي يا Alex
A: Safe flight, brother. أراك قريباً إن شاء الله
O: إن شاء الله. And come to Amman, Wadi Rum is waiting 🏜️

@ 2018-10-21 17:40
O: [image]
O: وادي رم. I finally did the night shoot, the Milky Way 🌌
A: This is unreal. No light pollution at all?
O: ولا إشارة! ٣ أيام بدون انترنت

@ 2019-06-09 20:30
A: Big news: I moved to Berlin last week!
O: برلين؟! واو. Mabrouk! New job?
A: Payments again 😂 A company called Nordlicht
O: طبعاً 😄 Berlin is great for street photography, go to Kreuzberg on a Sunday

@ 2019-09-22 18:40
A: [image]
A: Went to Mauerpark on Sunday like you said. Flea market, karaoke in the amphitheatre, perfect street photography
O: شو هالصورة! The old man with the accordion 👌
A: I thought of our Dafen walk the whole time
O: الشارع نفس الشارع بكل العالم. People are the story

@ 2019-12-07 16:10
O: [image]
O: البتراء الصبح بدري، قبل ما ييجوا السياح
A: Petra! It's on my list for years
O: تعال وأنا بكون دليلك. Free guide, payment in Chinese hot pot 😄
A: Deal 😂

@ 2020-04-24 19:10
A: رمضان كريم يا عمر 🌙
O: الله أكرم! How are you doing with the lockdown in Berlin?
A: Working from home, baking bread. You?
O: Same. Also teaching myself film developing in the bathroom 😂
@ 2020-05-24 11:00
A: عيد مبارك! Eid Mubarak to you and your family
O: وانت بخير يا صديقي 🙏

@ 2020-10-18 20:00
O: خبر حلو: فتحت استوديو صغير للتصوير بعمّان 📸
A: Mabrouk Omar!! That's amazing. Do you have a website?
O: لسا لا، بس صفحة انستغرام
A: Let me build you one. A simple static site with a gallery, you just drop photos in a folder
O: جد؟ You would do that?
A: Of course. Send me 20 of your best photos and the text you want
@ 2020-11-08 21:30
A: https://omarhaddad-studio.example — first version is live! Try it on your phone
O: يا الله، كتير حلو!! The gallery is exactly what I wanted
O: شو بدي أعطيك؟
A: Nothing. Just a print of the Baishizhou night shot one day
O: اتفقنا، وعد

@ 2021-03-14 19:00
O: سؤال: بدي أتعلم برمجة شوي، عشان أعمل الفواتير تبع الاستوديو أوتوماتيك. من وين أبلش؟
A: Python! Start with "Automate the Boring Stuff", it's free online and made for exactly this
O: حتى لو ما بعرف شي؟
A: Especially then. Send me your first script and I'll review it
@ 2021-04-02 22:15
O: [file invoices.py]
O: أول سكريبت! It makes PDF invoices from my Excel sheet 😄
A: Omar, this is good! Two small things: use a loop instead of copying the block 12 times, and put the tax rate in one variable
O: هههه you're right. شكراً أستاذ Alex

@ 2021-07-02 18:00
O: Alex!! I'm getting married 🥳 September 10, in Amman. اسمها رنا
A: WHAT! ألف مبروك!! Congratulations Omar!
O: I know with corona you probably can't come, but I wanted you to know
A: I'll try, but the travel rules are a mess. I'll be there in spirit for sure
@ 2021-09-11 09:30
O: [image]
A: You both look so happy! مبروك للعروسين
O: الله يبارك فيك 🙏 رنا بتسلّم عليك

@ 2022-05-28 23:30
O: أبطال أوروبا!!! الرابعة عشر 🏆🤍
A: Courtois was a wall. Liverpool had so many chances
O: كورتوا أحسن لاعب بالمباراة. And Vinícius, the goal!

@ 2022-12-10 18:05
O: المغرب!!!! أول منتخب عربي بنص النهائي 🇲🇦🔥
A: What a match! Bounou was incredible
O: كل عمّان نازلة عالشوارع هلأ 😄
@ 2022-12-18 19:10
O: ميسي أخيراً 🏆 ما أحلى هالنهائي
A: Best final I have ever seen. Mbappé hat-trick and still lost
O: كرة القدم ما إلها منطق 😂

@ 2023-03-18 11:20
O: [image]
O: لينا وصلت الحمدلله 🤍 3.2 kg, mother and baby are fine
A: ألف مبروك يا عمر!!! Welcome to the world, Lina 🎉
A: How is Rana?
O: تعبانة بس كتير مبسوطة. Now everyone calls me أبو لينا 😂
A: Abu Lina suits you

@ 2023-12-02 19:00
O: My first photo exhibition! In Jabal Al-Weibdeh, "Cities that disappear" – it includes Baishizhou from 2016 😄
O: [image]
A: That's the Baishizhou night shot! I remember that evening
O: طبعاً، كنت معي. Your name is in the thanks section
A: 🥹 Congrats Omar, this is huge

@ 2024-06-14 21:00
O: The Euros are starting in Germany! I was thinking of coming to Berlin for a match, but with Lina so small… next time
A: Next time for sure. My couch is yours
O: [deleted]

@ 2024-10-05 12:30
O: سؤال تقني: بدي لابتوب جديد لتعديل الصور، شو بتنصحني؟
A: For Lightroom: a MacBook Air M3 with 16 GB is enough, 24 GB if you also do video
O: والشاشة منيحة للألوان؟
A: Very good, but calibrate an external monitor for print work
O: تمام، شكراً يا صديقي 🙏

@ 2024-12-20 20:30
O: لينا حكت أول كلمة اليوم: "بابا" 🥹
A: Omar!! That's the best word. How did Rana take it? 😄
O: زعلانة شوي 😂 بس قالت ماما بعدها بساعة

@ 2025-03-18 10:00
O: [image]
O: لينا صار عمرها سنتين 🎂
A: She's so big! Happy birthday Lina 🎈
@ 2025-03-30 12:00
A: عيد مبارك يا أبو لينا 🌙
O: ينعاد عليك يا صديقي 🙏

@ 2025-09-13 17:30
O: [image]
O: شوف مين صار مصوّرة 😄 Lina stole my old Fuji
A: Hahaha a photographer like her dad. Is that the X-T2 from Shenzhen?
O: نفسها! It still works after all these years
A: Some things last. Like good friends
O: 🤍
"""

# ---------------------------------------------------------------------------------------------------
# Priya Sharma — WhatsApp iOS 12-hour export. P = Priya. Hindi/English code-mixed, Devanagari.
PRIYA = r"""
@ 2021-10-14 22:30
P: Hi Alex! Priya here, from Papers We Love tonight 🙂 तुम्हारा Raft talk बहुत अच्छा था!
A: Thank you Priya! Your question about Byzantine faults was the best one
P: Haha, मेरी research में तो fraudsters ही Byzantine हैं 😂
A: Ha, right, payment fraud. What exactly are you working on?
P: Graph neural networks for payment fraud detection. Transactions का graph बनाकर suspicious rings ढूँढते हैं
A: That's close to what we do at Nordlicht! We should talk more
P: पक्का! I'm at TU Berlin till March, visiting researcher

@ 2021-10-22 20:10
P: मैंने तुम्हारा Raft वाला blog post पढ़ा, बहुत clear है! Leader election वाला diagram मैं अपने lab meeting में use करूँ?
A: Of course! Credit is enough 😄
P: Deal. और ये मेरा draft है, fraud rings detect करने पर, अगर time हो तो देखना: https://arxiv.example/abs/2110.04417
A: Reading it this weekend. Payments people will love the section on mule accounts

@ 2021-11-03 18:00
P: कल Diwali है! हम लोग Wedding में एक flat पर dinner कर रहे हैं, तुम आओगे? 🪔
A: I'd love to! Should I bring something?
P: बस खुद आ जाओ 😄 और भूख लेकर आना
@ 2021-11-04 23:40
A: Thank you for tonight! The food was incredible, I'll dream of that paneer
P: Haha मम्मी वाली recipe है! Happy Diwali 🪔✨
A: Happy Diwali! शुभ दीपावली (did I write it right?)
P: बिल्कुल सही! 👏

@ 2021-11-20 10:15
P: Alex, आज Maifeld पर cricket nets हैं, आओगे? 🏏
A: I have never held a cricket bat in my life
P: कोई बात नहीं, सिखा देंगे। Just bring warm clothes, बहुत ठंड है
@ 2021-11-20 16:30
A: My shoulder hurts. Bowling is so much harder than it looks
P: तुमने पहली बार में ही एक wicket ले लिया! Not bad 😂
A: That was pure luck and you know it
P: [image]
P: Proof 😂

@ 2021-12-11 17:00
P: Christmas market चलें? मैंने अभी तक Glühwein try नहीं किया 😄
A: Then we must! Charlottenburg Palace at 7?
P: Done ✅
@ 2021-12-11 22:20
P: Glühwein बहुत strong था 😵‍💫 but fun!
A: You handled it well. Better than my cricket bowling
@ 2022-01-06 11:00
P: Covid positive 😷 Guesthouse में isolate कर रही हूँ
A: Oh no! Do you need anything? I can drop groceries at your door
P: अदरक, नींबू और शहद? Please 🙏
A: On my way in an hour
@ 2022-01-06 13:10
A: Left a bag at your door. Also soup from the Vietnamese place you like
P: Alex तुम सबसे अच्छे हो 🥹

@ 2022-02-08 01:20
P: यार ये KDD deadline मुझे मार डालेगी 😭
A: It's 1am! Did you eat?
P: Maggi खाई थी… 6 बजे
A: I'm ordering you food. Same guesthouse address?
P: Alex no!! …okay fine, thank you 🥹
@ 2022-02-11 09:00
P: SUBMITTED!!! 🎉
A: Congrats! Now sleep

@ 2022-03-26 19:00
P: Tempelhofer Feld पर last evening. Thank you for everything, Alex
A: Berlin won't be the same. Come back soon
P: पहले तुम India आओ! Mumbai में vada pav मैं खिलाऊँगी

@ 2022-04-14 18:30
P: Instagram पर देखा, तुम climbing कर रहे हो?! Paris में? 😲
A: Haha yes! Three months of remote work from Paris, a friend dragged me to Fontainebleau
P: पहले cricket, अब climbing. Next: kabaddi 😂
A: Only if you teach me

@ 2022-05-19 16:45
P: ACCEPTED!!! KDD 2022 🎉🎉🎉
A: YESSS! Congratulations, Dr.-to-be Priya
P: Reviewer 2 भी finally मान गया 😂

@ 2022-08-16 23:45
P: [image]
P: KDD in Washington! Poster session अभी खत्म हुआ, 3 घंटे खड़ी रही 😅
A: Look at you! How did it go?
P: Google और Stripe वाले भी आए, बहुत अच्छे questions थे
A: Proud of you 🎉

@ 2022-09-03 12:15
P: [image]
P: Mumbai का असली vada pav. ये तुम्हारा इंतज़ार कर रहा है 😄
A: It looks amazing. One day, I promise
P: Promise याद रखूँगी!

@ 2022-11-10 13:10
P: 10 wickets से हार गए 💔 दिल टूट गया
A: I watched it with you in spirit. Buttler and Hales were unstoppable
P: Don't remind me 😭

@ 2023-03-08 10:00
A: Happy Holi Priya! 🎨
P: Happy Holi! आज lab में सब रंगों में हैं 😂 thesis लिखने का बिल्कुल mood नहीं है
A: How many chapters left?
P: Three. तीन! Send help
A: [image]
A: Emergency Ritter Sport, shipping to Mumbai 😄

@ 2023-10-21 15:00
P: Surprise: अगले हफ्ते Berlin में हूँ, TU पर एक workshop है! Maifeld पर एक बार फिर? 🏏
A: YES! Saturday? I'll even bring my own bat this time
P: तुम्हारे पास bat है?? 😂
A: Bought it after you left. Used it twice
@ 2023-10-28 17:30
P: Thank you for today! तुम्हारी bowling improve हो गई है 😄
A: Two years of practice in my head 😂 Good luck with the last chapters

@ 2023-05-29 21:05
P: JADEJA!!!! Last two balls पर six और four 😭💛
P: CSK champions! Dhoni के लिए इससे अच्छा क्या होता
A: I was following the live score at dinner. Unbelievable finish
P: Rain delay के बाद reserve day पर… cricket से बड़ा drama कुछ नहीं

@ 2024-03-08 09:15
A: Happy birthday Priya! 🎂 Hope the thesis gives you the day off
P: Thank you Alex!! 🥳 Defence की date मिल गई: 23 August
A: That's great news! Nervous?
P: बहुत। But excited

@ 2024-06-29 20:05
P: WE WON!!! 🇮🇳🏆 17 साल बाद T20 World Cup!!!
P: मैं सच में रो रही हूँ
A: I watched the last over! That catch on the boundary!
P: Surya का catch!!! History 😭🙏

@ 2024-08-22 18:00
P: कल defence है। Slides 47 हैं, ये बहुत ज़्यादा हैं क्या? 😰
A: For 45 minutes? A bit much. Cut the related work to two slides
P: Ok ok. और वो Raft वाली analogy जो तुमने suggest की थी, detectors के बीच consensus के लिए, रख लूँ?
A: Keep it. The committee will like a picture
@ 2024-08-23 11:30
P: I PASSED!!! Dr. Priya Sharma 🎓
A: DR. PRIYA!!! 🎉🎉 So proud of you
P: Thesis का title भी याद रखना: "Graph Learning for Payment Fraud Detection under Distribution Shift" 😎
A: Framing it

@ 2024-11-01 09:30
A: Happy Diwali, Dr. Sharma 🪔
P: Happy Diwali! Bangalore shift हो गई हूँ, new job at a research lab. Fraud detection again 😄
A: Of course it is 😄 Congrats!

@ 2025-03-08 08:30
A: Happy birthday Priya! 🎂 How's Bangalore treating you?
P: Thank you!! Traffic terrible है but weather perfect 😄

@ 2025-06-14 10:20
P: Good news: मेरी पहली PhD student का paper NeurIPS में accept हो गया! Temporal graphs पर, मैं mentor थी 😄
A: Congratulations Priya! Mentoring your own students already
P: हाँ, time flies. और हाँ, Raft वाली analogy फिर से use की 😂
A: It's officially your trademark now

@ 2025-10-20 17:00
A: Happy Diwali! 🪔✨
P: Happy Diwali Alex! Mumbai में family के साथ हूँ
P: [image]

@ 2025-11-16 19:30
P: Alex, एक सलाह चाहिए। Amsterdam की एक fintech से offer आया है, Europe move करने का सोच रही हूँ
A: Exciting! What's holding you back?
P: Family दूर हो जाएगी, और सुना है वहाँ घर मिलना बहुत मुश्किल है 😅
A: Housing is hard, true. Ask them for relocation support with temporary housing for 2-3 months, many companies do it
A: And I know two people who moved there from Berlin, happy to connect you if it helps
P: That would help a lot! सोचकर बताती हूँ

@ 2026-02-11 14:40
P: Alex, एक favour: मैं IISc में distributed systems पर guest lecture दे रही हूँ। तुम्हारे Raft talk के slides अभी भी online हैं?
A: Yes! https://alexchen.example/talks/raft-pwl-2021.pdf
A: Feel free to use anything, just don't copy my terrible drawings
P: तुम्हारी drawings ही तो best हैं 😂 Thank you!
A: Tell me how it goes
P: पक्का बताऊँगी
"""

# ---------------------------------------------------------------------------------------------------
# Claire Dubois — Telegram personal chat. C = Claire. French, Alex answers in (imperfect) French/English.
CLAIRE = r"""
@ 2019-11-21 22:30
C: Hello Alex ! C'est Claire, on s'est parlé après ton talk sur la migration des paiements 🙂
C: Comme promis, le lien vers notre pipeline de réconciliation open source : https://github.example/claire-d/reconcile-rs
A: Salut Claire ! Merci beaucoup, je regarde ce week-end
A: Désolé, mon français est un peu lent 😅
C: Pas de souci, on peut mélanger. Ton talk était top, surtout l'histoire des 37 paiements en double 😂
A: Haha, l'idempotence, toujours l'idempotence

@ 2019-12-15 19:12
A: J'ai lu ton code de réconciliation. The matching on EndToEndId + amount + a date window is smart
C: Merci ! La fenêtre de dates, c'est parce que les banques ne sont jamais d'accord sur la date de valeur 🙄
A: Exactement le même problème chez nous avec HSBC
C: On devrait écrire un article ensemble un jour : "Pourquoi vos paiements ne tombent jamais juste"

@ 2020-02-11 09:40
C: Ton article sur l'élection de leader Raft est en première page de Hacker News !! 🎉
A: What?! I didn't even post it there
C: Quelqu'un l'a fait pour toi. Les commentaires sont plutôt gentils, pour HN 😂
A: That's a first. Merci de m'avoir prévenu

@ 2020-04-09 21:40
C: Comment ça va à Berlin avec le confinement ?
A: Ça va. Je fais du pain au levain maintenant, comme tout le monde 😂
C: Moi je fais de la poutre dans mon salon. La salle d'escalade me manque trop
A: Tu grimpes ?
C: Du bloc surtout, à Fontainebleau dès que je peux. Tu devrais essayer !

@ 2020-11-14 21:00
C: Reconfinement… Je t'envoie ma playlist jazz du moment pour tenir 🎷 https://music.example/playlist/claire-jazz-confinement
A: Merci ! In return: Berlin has a great jazz radio, I'll send you the stream
C: Parfait, échange culturel 😄
@ 2021-03-10 22:40
C: Petite question perso… Est-ce que tu as déjà pensé à monter ta boîte ?
A: Sometimes. Why?
C: Mon job actuel m'ennuie. Et l'idée de réconciliation intelligente ne me lâche pas
A: Then write it down: the problem, who pays, why now. If it still excites you in three months, go
C: Trois mois. D'accord, je me donne jusqu'en juin

@ 2021-06-21 22:15
C: Fête de la musique ce soir, tout Paris est dehors 🎷
C: [image]
A: Jealous! Berlin is quiet tonight
C: Un jour je t'emmène au Duc des Lombards, c'est mon club de jazz préféré

@ 2022-01-10 20:05
C: Grande nouvelle : j'ai quitté mon job. Je lance ma boîte ! 🚀
A: Wow!! Félicitations Claire ! What is it?
C: Ça s'appelle **Ondine**. De la qualité de données pour les pipelines de paiement : détecter les écarts de réconciliation avant que la compta ne les trouve
A: That's exactly the pain we had at HSBC. I'd have paid for this in 2018
C: C'est exactement ce que je voulais entendre 😄 Tu veux bien être mon "utilisateur imaginaire" pour les interviews clients ?
A: Avec plaisir

@ 2022-02-20 18:30
A: Question : I'm going to work remotely from Paris from April to June. Any tips for a neighbourhood?
C: Trop bien !! Le 11e ou le 20e. Et tu viens grimper avec nous, c'est obligatoire 😄
A: I have never climbed in my life
C: Parfait, on commence par un circuit jaune à Bleau

@ 2022-04-02 16:20
A: Je suis arrivé ! Appartement rue Oberkampf
C: Bienvenue à Paris 🎉 Je t'ajoute au groupe de grimpe

@ 2022-04-27 19:45
C: J'ai besoin de ton avis d'architecte 🙏 Pour l'ingestion d'Ondine, on hésite entre Kafka et juste Postgres
A: How many events per second?
C: Aujourd'hui 200, peut-être 5 000 dans un an
A: Then Postgres with an outbox table. Kafka is a team of its own to operate, you don't have that team yet
C: C'est ce que pensait mon CTO, mais il voulait un deuxième avis
A: Keep the events idempotent with a unique key, and you can move to Kafka later without pain
C: Merci, je t'invite à dîner pour la consultation 😄

@ 2022-05-14 18:40
C: Ce soir, Duc des Lombards, un trio piano-contrebasse-batterie. Concert à 21h30, j'ai deux places 🎷
A: Oui !! Where do we meet?
C: Devant le Châtelet à 21h
@ 2022-05-15 00:50
A: Merci pour ce soir. The bass player was incredible
C: Je savais que tu allais aimer. La prochaine fois, New Morning

@ 2022-06-15 19:00
C: Tu peux écouter mon pitch investisseurs ? 10 minutes, demain soir ? Je le présente lundi
A: Of course. Bring the slides to the crêperie on rue de Bretagne?
@ 2022-06-16 23:10
C: Merci pour ce soir. Tu avais raison : commencer par l'histoire des 37 paiements en double, c'est beaucoup plus fort que le marché
A: Your story is the product. The market slide can come later
C: Je réécris l'intro ce week-end

@ 2022-06-28 21:10
A: Dernier soir à Paris 😢 Thank you for these three months, Claire
C: Tu reviens quand tu veux. Le groupe de grimpe t'attend, et le jazz aussi
A: Et Ondine, je veux voir la bêta !
C: En octobre, promis

@ 2022-09-11 19:15
C: [image]
C: Bleau sans toi aujourd'hui, Karim a refait ton circuit jaune en ton honneur 😂
A: Hahaha I miss it. Berlin has no boulders, only bouldering gyms
C: Reviens vite alors

@ 2022-10-05 10:30
C: La bêta d'Ondine est en ligne !! Tu es dans les premiers testeurs : https://app.ondine.example/beta
A: Congratulations!! Trying it tonight
@ 2022-10-05 22:40
A: First feedback: the reconciliation diff view is great. The onboarding asks for too many things before showing any value
C: Noté. Tu as raison, on demande la connexion bancaire trop tôt
A: And the alert emails should say which counterparty, not just "mismatch detected"
C: Super retour, merci ! Je le partage avec l'équipe

@ 2023-03-21 08:05
C: C'est le grand jour : lancement public d'Ondine aujourd'hui 🚀
C: Si tu as deux minutes pour partager : https://www.producthunt.example/posts/ondine
A: Done! Shared it with my team too. Bonne chance !
@ 2023-03-21 23:30
C: On a fini #2 du jour 😭🎉
A: Incroyable ! Bravo à toute l'équipe

@ 2023-06-21 21:30
C: Fête de la musique encore, et cette fois je joue ! Saxophone dans un petit groupe amateur, devant un café à Belleville 🎷
A: WHAT. Since when do you play?
C: Depuis le lycée, mais j'avais arrêté. Ondine m'a donné envie d'avoir un truc sans écran
A: Video or it didn't happen 😄
C: [image]
C: Preuve 😄

@ 2023-09-12 12:15
C: On a levé notre seed : 2,5 M€ 🎉 On passe de 4 à 12 personnes
A: FÉLICITATIONS Claire !! You deserve it
C: Merci ! Et merci pour le conseil sur Postgres, on n'a toujours pas besoin de Kafka 😂

@ 2024-01-02 11:00
C: Bonne année Alex ! 🥂 Que 2024 t'apporte plein de beaux blocs
A: Bonne année ! Et à Ondine une année de croissance 🚀

@ 2024-06-20 18:10
!C phone_call 1520
C: Merci pour l'appel ! Je t'envoie la fiche de poste SRE dont on a parlé
C: https://ondine.example/jobs/sre-berlin
A: I'll share it with a couple of people in Berlin. Anna from the Kubernetes meetup might know someone

@ 2024-10-13 22:30
C: Je suis épuisée, Alex. Deux clients en retard de paiement, un dev qui part, et je dors quatre heures par nuit
A: That sounds really hard. Have you taken a single day off since summer?
C: Non…
A: Then Bleau next Saturday, no laptop. The company will survive one day, I promise
C: Tu as raison. Je le dis à Sophie
@ 2024-10-20 20:15
C: Journée à Bleau sans téléphone. Je me sens humaine à nouveau. Merci 🙏
A: So glad. Do it once a month, put it in the calendar like a board meeting

@ 2025-02-04 21:20
C: Question rapide : tarification à l'usage ou par siège pour Ondine ? Le board pousse pour l'usage
A: For reconciliation, usage per matched transaction makes sense for the customer. But give big banks a predictable annual cap, finance teams hate surprises
C: Le plafond annuel, très bonne idée. Merci 🙏

@ 2025-05-17 09:30
A: I'm in Paris next weekend! Bleau on Saturday?
C: OUI !! Je préviens le groupe
@ 2025-05-25 21:00
C: Quel week-end ! Bleau samedi, New Morning hier soir. Reviens plus souvent 🙂
A: Promis. And you have to come to Berlin one day

@ 2025-09-06 23:40
C: [image]
C: Jazz à la Villette ce soir, ça t'aurait plu 🎷
A: Jealous! Who was playing?
C: Un quartet de jeunes Parisiens, incroyable. Je t'envoie le nom demain

@ 2026-09-08 19:20
C: Devine quoi : Ondine vient de signer avec une banque allemande 🇩🇪
A: No way!! Congratulations! Which one, if you can say?
C: Pas encore officiel 🤫 Mais du coup je serai à Berlin fin novembre pour une conférence fintech
A: Then we are having dinner. I'll find a jazz bar in Berlin worthy of the Duc des Lombards
C: Challenge accepted 😄 Je te redis les dates
"""

# Claire's "Paris climbing crew" private group. M = Mathieu Laurent, S = Sophie Martin, K = Karim Benali.
CLIMBING = r"""
@ 2022-04-02 16:25
!C create_group Paris climbing crew | Mathieu Laurent, Sophie Martin, Karim Benali, Alex Chen
C: Bienvenue @alexchen_dev ! Ici on organise les sorties à Bleau et les sessions en salle
M: Welcome Alex! Tu as des chaussons ?
A: Pas encore. Where should I buy them?
S: Au Vieux Campeur, rayon escalade. Prends-les serrés, mais pas douloureux
K: Des chaussons d'entrée de gamme suffisent, pas besoin de plus au début

@ 2022-04-09 19:00
C: Sortie Bleau demain ! Départ 8h30 Porte d'Orléans, 2 places dans ma voiture
A: Je prends une place 🙋
M: Moi aussi
S: Je viens avec Karim, on a les crash pads
C: Parfait. Secteur Cul de Chien, circuit jaune pour Alex 😄
@ 2022-04-10 18:20
C: [image]
C: Alex a fini son premier circuit !! 🎉
A: My forearms are dead. Mais c'était génial
K: Bienvenue dans la secte 😂
M: [sticker 💪]

@ 2022-04-14 12:10
S: Session en salle jeudi soir ? Montreuil, 19h
M: Je peux pas, boulot
A: Je viens !
C: Moi aussi, je ramène de la magnésie
@ 2022-04-21 22:30
S: Alex a enchaîné son premier 5c 👏
A: Merci au coaching de Sophie 🙏
K: Il progresse trop vite, c'est suspect 😂

@ 2022-05-07 09:10
M: Météo parfaite ce week-end, Bleau dimanche ? Bas Cuvier cette fois
C: Partante
K: Partant
S: Je serai à Lyon 😢
A: Count me in
@ 2022-05-08 17:40
K: [image]
K: La Marie-Rose… pas cette fois 😅
M: L'année prochaine, Karim
C: Alex a fait son premier bleu ! 💙

@ 2022-05-28 10:00
S: Quelqu'un a vu mes chaussons ? Je les ai oubliés dans une voiture dimanche dernier 😅
C: Dans mon coffre ! Je te les ramène jeudi
S: Merci 🙏

@ 2022-06-11 20:00
C: Pique-nique d'adieu pour Alex samedi 25 aux Buttes-Chaumont ? 🧺
M: Oui !
S: Oui, j'apporte une tarte
K: Je ramène les bières
A: You are the best. Merci les amis 🥹
@ 2022-06-25 21:30
S: [image]
S: La crew au complet 🧗‍♀️
A: Je vais vous manquer à Berlin… I mean, you will miss me 😂
C: Les deux ! Reviens vite

@ 2022-09-18 18:00
K: Nouvelle salle ouverte à Saint-Ouen, quelqu'un pour tester jeudi ?
C: Moi
M: Moi

@ 2022-11-26 09:30
M: Première sortie hivernale demain, il fera 4 degrés à Bleau ❄️ Qui vient ?
S: Moi, avec trois couches
K: Grimper avec des gants, nouvelle discipline 😂
C: Je viens mais je repars à 15h, réunion investisseurs lundi
@ 2022-11-27 17:00
S: [image]
S: Froid mais adhérence parfaite 🤌
M: Meilleure journée de l'année pour le grip

@ 2023-03-21 08:10
C: Petit message perso : Ondine se lance aujourd'hui sur Product Hunt 🚀 Un upvote m'aiderait beaucoup : https://www.producthunt.example/posts/ondine
M: Fait ! Bravo Claire 🎉
S: Fait ✅
K: Fait, et partagé sur LinkedIn
A: Done, and shared with my team in Berlin

@ 2023-10-01 19:20
M: Petite mauvaise nouvelle : tendon de l'annulaire, 6 semaines sans grimper 😩
S: Oh non ! Courage
C: Repose-toi bien, on te garde une place à Bleau pour décembre
A: Get well soon Mathieu! Physio is your friend

@ 2024-04-20 17:00
S: [image]
S: Premier 7a à Bleau !!! 🎉
C: BRAVO Sophie !!!
K: Machine 💪
A: Incroyable ! Congrats!

@ 2024-09-07 10:00
K: Rentrée ! Qui veut reprendre les sessions du jeudi ?
M: Moi, mon doigt est guéri 💪
S: Partante
C: Un jeudi sur deux, Ondine me mange 😅

@ 2024-12-14 19:00
S: Dîner de Noël de la crew le 20 ? Chez moi, chacun apporte un plat
M: Je ramène une galette… ah non, c'est en janvier 😂
K: Moi le vin
C: Je viens, enfin une soirée sans Ondine
A: Joyeux Noël la crew ! Wish I could come 🎄

@ 2025-05-16 20:00
C: Alex est à Paris la semaine prochaine ! Bleau samedi 24 ?
M: Présent
S: Présente
K: Je ramène les crash pads
A: Can't wait 🧗
@ 2025-05-24 19:10
K: [image]
K: Comme au bon vieux temps
A: Best day of the year. Merci la crew ❤️

@ 2025-11-09 20:30
S: On pense à une semaine d'escalade à Kalymnos en mai prochain. Qui est chaud ?
M: Moi !
C: Si Ondine me laisse partir 😅
K: Partant
A: Tempting… let me check my leave

@ 2026-02-02 20:10
S: Kalymnos : c'est réservé ! 16–23 mai, on est cinq pour l'instant
A: Je ne peux pas cette fois, désolé, big launch at work in spring 😞
C: Dommage ! On t'enverra plein de photos
@ 2026-05-23 18:30
K: [image]
K: Dernier jour à Kalymnos, la Grande Grotta 🤯
M: Meilleur voyage de grimpe de ma vie
C: Alex, l'année prochaine tu viens, c'est un ordre 😄
A: Promis ! These photos are unreal
"""

# ---------------------------------------------------------------------------------------------------
# LinkedIn messages.csv: (conversation key, date UTC "YYYY-MM-DD HH:MM:SS", sender key, content).
LINKEDIN_MESSAGES = [
    ("james", "2019-02-18 09:14:22", "james",
     "Hi Alex, I'm an engineering manager at Nordlicht Payments in Berlin. A colleague forwarded me your talk on the HSBC payments migration – the part about reconciling during the cutover weekend is exactly the problem we're facing right now. Would you be open to a chat about a senior engineer role on our payments core team? Relocation support is included."),
    ("james", "2019-02-19 01:03:40", "alex",
     "Hi James, thanks for reaching out! I'm open to hearing more. I'm based in Shenzhen, so mornings Berlin time work best for me."),
    ("james", "2019-02-19 08:30:12", "james",
     "Great. How about Thursday 9:00 CET on Zoom? I'll send an invite."),
    ("james", "2019-03-29 16:45:03", "james",
     "Delighted you said yes. Welcome to Nordlicht! Start date 3 June is confirmed. Let me know if the relocation agency hasn't contacted you by next week."),
    ("james", "2019-03-30 02:12:55", "alex",
     "Thank you James, I'm really excited. The agency already emailed. See you in June!"),
    ("james", "2020-06-03 15:20:41", "james",
     "One year already! Thanks for everything you've done on the ledger rewrite. Pints on me next week (socially distanced)."),
    ("james", "2020-06-03 17:02:09", "alex",
     "Thanks James! It's been a great year. Distanced pints it is 🍺"),
    ("james", "2023-05-24 18:05:33", "james",
     "Alex, messaging you here because I'd rather this not sit in Slack. I know you're upset about the reorg announcement. The decision to merge payments core into the platform group is final, but I want to hear your concerns before the all-hands."),
    ("james", "2023-05-24 20:41:17", "alex",
     "Thanks for reaching out. Honestly, I think it's a mistake. Payments core has on-call and regulatory obligations the platform team doesn't know yet. Splitting ledger ownership across two teams is how we got the double-posting incident in 2021. And nobody on my team was consulted."),
    ("james", "2023-05-25 07:58:02", "james",
     "I hear you, but that's not entirely fair. Leadership looked at this for months, and ledger ownership stays with one squad. Frankly, going around me to the CTO last week didn't help your case."),
    ("james", "2023-05-25 09:12:46", "alex",
     "I went to the CTO because you told me it was out of your hands. If it isn't, I'd like a real discussion, not a done deal."),
    ("james", "2023-05-26 16:30:00", "james",
     "It was a done deal. I'm sorry it landed the way it did. Let's talk at our 1:1 on Monday."),
    ("james", "2023-08-31 15:04:19", "alex",
     "James, I handed in my notice today. It isn't only about the reorg, but it's part of it. I'm grateful for the four years and for what I learned from you."),
    ("james", "2023-09-01 08:47:51", "james",
     "Understood. I'm sorry to lose you. For what it's worth, you were right about the on-call load. Good luck, Alex."),
    ("sarah", "2020-03-13 17:22:10", "sarah",
     "Great to connect after our email thread! Thanks again for the pre-vote PR. – Sarah"),
    ("sarah", "2020-03-13 19:40:33", "alex",
     "Likewise! Thanks for the patient review, I learned a lot from it."),
    ("mehdi", "2023-09-05 10:11:28", "mehdi",
     "Sad to see you go, Alex! Payments core won't be the same. Let's keep in touch."),
    ("mehdi", "2023-09-05 12:30:02", "alex",
     "Thanks Mehdi! Coffee before I leave?"),
    ("hannah", "2024-02-14 09:01:44", "hannah",
     "Hi Alex, I'm working with a fast-growing fintech in Amsterdam looking for a Staff Engineer (payments, Go, Kafka). Your background looks like a great fit. Open to a quick call this week?"),
    ("hannah", "2024-02-14 18:25:10", "alex",
     "Hi Hannah, thanks for thinking of me. I'm happy where I am right now, so I'll pass. Good luck with the search!"),
]

# ---------------------------------------------------------------------------------------------------
# E-mail (Gmail Takeout mbox). Each: (key, date with offset, from, to, subject, in_reply_to key, labels, body)
EMAILS = [
    ("s1", "2020-02-17 10:22:05 -0800", "sarah", "alex", "Your post on Raft leader election", None,
     "Inbox,Important,Opened,Category Personal", """Hi Alex,

I found your post "Raft leader election, step by step" on Hacker News this
morning and read it twice. The diagrams of the split vote are the clearest
I have seen, and I'm stealing the broken-stopwatch analogy for my next talk
(with credit, of course).

One nuance: in the section on network partitions you say that pre-vote
alone stops a rejoining node from disrupting the leader. In practice you
also need CheckQuorum on the leader side, otherwise a leader that lost its
majority keeps serving stale reads. We hit exactly this in raftkit last
year (issue #412).

Would you be interested in contributing to raftkit? We are a small group of
maintainers and the membership-change code could use someone who thinks
this carefully.

Best,
Sarah

--
Sarah Miller
Principal Engineer, maintainer of raftkit
https://github.example/raftkit/raftkit
"""),
    ("a1", "2020-02-18 09:05:41 +0100", "alex", "sarah", "Re: Your post on Raft leader election", "s1",
     "Sent,Opened", """Hi Sarah,

Thank you, that made my week. And you are right about CheckQuorum, I
glossed over it. I'll update the post and link your issue.

I'd love to contribute. I have been reading the raftkit code on and off;
is there a good first issue around pre-vote?

Best,
Alex
"""),
    ("s2", "2020-02-20 16:48:12 -0800", "sarah", "alex", "Re: Your post on Raft leader election", "a1",
     "Inbox,Important,Opened,Category Personal", """Hi Alex,

Issue #412 itself is a good start: pre-vote is implemented, but the
follower doesn't reject a pre-vote request while it has heard from a live
leader within the election timeout. That is the piece the thesis calls
"leader stickiness".

From what I can tell the fix is small, the tests are the real work. Ping me
if the test harness confuses you, it confuses everyone.

Sarah
"""),
    ("a2", "2020-03-05 22:31:09 +0100", "alex", "sarah", "raftkit PR #431: leader stickiness for pre-vote", "s2",
     "Sent,Opened", """Hi Sarah,

I opened PR #431 for issue #412. The change is 40 lines; the tests are 300
(you were right). The partition test now checks that a node rejoining after
a partition cannot trigger an election while the leader is healthy.

One question: should the stickiness window be the election timeout or the
minimum election timeout? I used the minimum, which matches the thesis.

Alex
"""),
    ("s3", "2020-03-12 11:02:47 -0700", "sarah", "alex", "Re: raftkit PR #431: leader stickiness for pre-vote", "a2",
     "Inbox,Important,Opened,Category Personal", """Alex,

Reviewed and merged. Minimum timeout is right. The partition test is
lovely, I already used it to find an unrelated bug.

Welcome aboard as a contributor! I added you to the raftkit-dev list.

Sarah
"""),
    ("gh1", "2020-03-12 18:02:51 +0000", "github", "alex", "Re: [raftkit/raftkit] Leader stickiness for pre-vote (#431)", None,
     "Inbox,Category Updates", """Merged #431 into main.

--
You are receiving this because you authored the thread.
Reply to this email directly, view it on GitHub:
https://github.example/raftkit/raftkit/pull/431
"""),
    ("s4", "2021-01-10 09:15:30 -0800", "sarah", "alex", "raftkit v2 and membership changes", None,
     "Inbox,Important,Opened,Category Personal", """Hi Alex,

Happy new year! We are planning raftkit v2. The big item is replacing our
single-server membership change with joint consensus, so that we can swap
several voters at once.

Would you co-maintain the membership module with me? It's maybe two hours a
week, mostly reviews.

Sarah
"""),
    ("a3", "2021-01-14 21:44:02 +0100", "alex", "sarah", "Re: raftkit v2 and membership changes", "s4",
     "Sent,Opened", """Hi Sarah,

Happy new year! Yes, with one condition: I'll do reviews and the design
doc, but I can't promise big chunks of code before April, work is busy.

I once told a friend to stick to single-step changes because joint
consensus is full of traps, so let's write the traps down first.

Alex
"""),
    ("a4", "2022-06-19 17:20:11 +0200", "alex", "sarah", "Joint consensus without tears — draft", None,
     "Sent,Opened", """Hi Sarah,

I wrote the follow-up post we talked about, "Joint consensus without
tears", based on the raftkit v2 design. Would you review the draft before I
publish? In particular the section on what happens when the leader is not
part of the new configuration.

https://alexchen.example/drafts/joint-consensus

Thanks!
Alex
"""),
    ("s5", "2022-06-22 08:40:55 -0700", "sarah", "alex", "Re: Joint consensus without tears — draft", "a4",
     "Inbox,Important,Opened,Category Personal", """Alex,

Great draft. Three comments:

1. The leader-not-in-new-config section is correct, but say explicitly
   that the leader steps down only after C-new is committed.
2. The diagram with the two majorities is the best thing in the post; move
   it up.
3. Cut the paragraph about Paxos, it distracts.

Ship it!
Sarah
"""),
    ("s6", "2023-11-08 13:12:40 -0800", "sarah", "alex", "You were quoted (nicely)", None,
     "Inbox,Important,Opened,Category Personal", """Hi Alex,

I gave a talk on consensus at a conference last week and used your
broken-stopwatch analogy, credited on the slide. Someone asked for your
blog afterwards, so expect a few new readers.

Hope Berlin is treating you well, and that the new job is calmer than the
old one.

Sarah
"""),
    ("a5", "2023-11-09 08:03:26 +0100", "alex", "sarah", "Re: You were quoted (nicely)", "s6",
     "Sent,Opened", """Sarah, that's so kind, thank you! The new job is much
calmer, and I finally have time for raftkit reviews again.

Alex
"""),
    ("s7", "2024-10-02 10:30:00 -0700", "sarah", "alex", "raftkit turns 5!", None,
     "Inbox,Important,Opened,Category Personal", """Hi all,

raftkit is five years old this month. We'll do a small online celebration
on October 24 at 17:00 UTC: a short retro, some lightning talks, and cake
(bring your own). Alex, if you want to do five minutes on the pre-vote
story, you would be very welcome.

Sarah
"""),
    ("a6", "2024-10-03 07:55:14 +0200", "alex", "sarah", "Re: raftkit turns 5!", "s7",
     "Sent,Opened", """Hi Sarah,

Happy birthday raftkit! Unfortunately I'm travelling on the 24th and can't
join live. I'll record a two-minute video about the pre-vote PR instead, if
that works.

Alex
"""),
    ("nl1", "2024-10-05 14:00:00 +0000", "newsletter", "alex", "Distributed Systems Weekly #212", None,
     "Inbox,Category Promotions", """This week: clock skew in the wild, a new Jepsen analysis, and why your
retries need jitter.

Unsubscribe: https://dsweekly.example/unsubscribe
"""),
]
