"""Does a draft ask the contact for something? Rules for Chinese, English, French, German, Arabic and Hindi.

An *ask* is what turns a catch-up into a transaction: money (loans, transfers, investment, donations), a
favour ("can you help me"), a referral or introduction, a job ("let me know if your team is hiring"), or a sale
(sign up, buy, vote, discount). Offers from the user ("happy to introduce you", "需要帮忙随时找我") and
mentions of past help ("上次你帮我的忙，一直很感激") are not asks.

Every language's rules run on every text (chats mix languages: "मेरा resume एक बार देख लोगे?"); each rule is
a regular expression over a normalised clause. A clause that is an offer or a thank-you for past help is
exempt from the favour rules. `evals/asks/` holds a labelled corpus and a script that reports precision and
recall per language. An LLM check (`assistant.drafting.guardrails`) adds what rules cannot see when a model is
configured.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from assistant.text.scripts import HAN, ARABIC, DEVANAGARI

CATEGORIES = ("money", "favour", "referral", "job", "sales")


@dataclass(frozen=True)
class AskFinding:
    category: str  # one of CATEGORIES
    lang: str  # whose rules matched
    rule: str  # the rule's name
    match: str  # the text it matched

    def describe(self) -> str:
        return f"{self.category} ask: \u201c{self.match}\u201d"


_AR_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")


def normalize(text: str) -> str:
    """NFKC; Arabic without vowel marks and with one alef / yeh / heh form; Devanagari without nukta;
    typographic apostrophes kept as they are (the patterns accept both)."""
    return _fold(unicodedata.normalize("NFKC", text or ""))


def _fold(s: str) -> str:
    s = _AR_MARKS.sub("", s)
    s = re.sub("[أإآٱ]", "ا", s).replace("ى", "ي").replace("ة", "ه")
    s = s.replace("\u093c", "").replace("\u0901", "\u0902")  # nukta; candrabindu -> anusvara
    return s


def _c(p: str) -> re.Pattern:
    return re.compile(_fold(p), re.I | re.U)


# (name, category, pattern). English rules are plain \b-bounded; CJK, Arabic and Devanagari have no spaces or
# use combining marks, so their rules match substrings of the normalised text.
RULES: dict[str, list[tuple[str, str, re.Pattern]]] = {
    "en": [
        ("lend", "money", _c(r"\b(lend|loan|spot|front|advance) me\b")),
        ("borrow", "money", _c(r"\b(borrow|owe)\b[^.?!]{0,25}\b(money|cash|\d+|some|bucks|euros?|dollars?)\b")),
        ("send-money", "money", _c(r"\b(send|transfer|wire|pay|give|venmo|paypal|zelle)\s+me\b[^.?!]{0,30}"
                                   r"([$€£¥]\s?\d|\d\s?(k|[$€£¥]|rmb|usd|eur)\b|\b(money|cash|bucks|dollars?|euros?|rmb|yuan)\b)")),
        ("invest", "money", _c(r"\b(interested in|consider|like to) investing\b|\binvest(ing)? in (my|our)\b|"
                               r"\braising (a |our |my )?(seed|pre-seed|series [a-c]|round|funds?)\b")),
        ("donate", "money", _c(r"\b(donate|chip in|contribute|pledge)\b[^.?!]{0,20}\b(to|for) (my|our)\b|"
                               r"\b(gofundme|kickstarter|indiegogo|patreon)\b|paypal\.me/|venmo\.com/")),
        ("favour", "favour", _c(r"\b(do|ask) (me |you )?a (small |quick |big |tiny |huge )?fav(ou)?r\b|"
                                r"\bfav(ou)?r to ask\b")),
        ("help-me", "favour", _c(r"\b(can|could|would|will) you (please |possibly |maybe )?help (me|us)\b|"
                                 r"\b(need|needs|could use) (your|some of your) (help|advice|support)\b|"
                                 r"\bhelp me (out|with)\b")),
        ("review-mine", "favour", _c(r"\b(can|could|would) you (please )?(take a (quick |short )?look at|look over|"
                                     r"review|proofread|check|go over|give (me )?feedback on) (my|our)\b")),
        ("refer-me", "referral", _c(r"\b(refer|recommend|introduce|intro|connect|vouch for) me\b|"
                                    r"\bintroduc\w* me to\b|\bintro to your\b|\bput (in )?a good word\b|"
                                    r"\b(pass|forward|send) (along )?my (cv|resume|résumé|application|profile)\b|"
                                    r"\bmy (cv|resume|résumé) along\b|\breferral\b")),
        ("hiring", "job", _c(r"\b(your|you guys'?|the) (team|company|firm|startup|group|department|org)\b[^.?!]{0,25}"
                             r"\b(hiring|recruiting|looking for (people|engineers|developers|someone))\b|"
                             r"\b(is|are) (your|you)\b[^.?!]{0,25}\bhiring\b|\bhiring at your\b")),
        ("openings", "job", _c(r"\b(let me know|tell me|keep me in mind|think of me|ping me|keep an eye out)\b[^.?!]{0,40}"
                               r"\b(hiring|openings?|positions?|roles?|vacanc\w+|jobs?)\b|"
                               r"\b(openings?|positions?|vacanc\w+|jobs?)\b[^.?!]{0,40}\b(keep me in mind|think of me|let me know)\b|"
                               r"\b(a|any) (role|position|opening|job) (on|at|in) your\b")),
        ("job-search", "job", _c(r"\b(i'?m|i am) (looking for|searching for|hunting for) a (new )?(job|role|position)\b|"
                                 r"\bmy (cv|resume|résumé)\b")),
        ("sign-up", "sales", _c(r"\b(sign up|subscribe|register|download|install|try out|check out|buy|order|purchase)\b"
                                r"[^.?!]{0,20}\b(our|my)\b[^.?!]{0,20}\b(app|product|service|platform|course|book|shop|"
                                r"newsletter|channel|tool)\b|"
                                r"\b(would|will) you (sign up|subscribe|download|install)\b")),
        ("review-us", "sales", _c(r"\b(leave|write|give|post) (us |me )?(a )?(\d-star )?(review|rating|testimonial)\b")),
        ("offer", "sales", _c(r"\b(discount|promo code|coupon|special offer|free trial|book a (demo|call)|"
                              r"send you a quote|our pricing)\b|\binterested in (a demo|our|buying)\b")),
        ("vote-share", "sales", _c(r"\b(vote|voting) for (me|my|our|us)\b|\b(share|like|retweet|repost|upvote|endorse)\b"
                                   r"[^.?!]{0,10}\b(my|our)\b[^.?!]{0,10}\b(post|video|page|tweet|launch|project|skills?)\b")),
    ],
    "zh": [
        ("借钱", "money", _c(r"借(我|给我|点|些|一下)|借.{0,6}(钱|块|元|万|千|百)|手头.{0,3}紧|周转一下|"
                           r"(给|帮)我垫|你能不能转|转(我|给我)(点|些)?\s*\d*.{0,4}(钱|块|元|千|百|万)?")),
        ("投资", "money", _c(r"(你|您).{0,8}(投资|入股|投点)|(投资|融资)的事|天使轮|种子轮|众筹|(给|为)我.{0,4}捐")),
        ("帮忙", "favour", _c(r"(能|可以|可否|能否|可不可以|请|麻烦|拜托|求).{0,6}帮(我|忙|个忙|一下)|"
                            r"帮(我|个忙).{0,14}(吗|呗|吧|一下|？|\?)|帮帮我|求助|拜托(你|您)|麻烦(你|您)")),
        ("内推", "referral", _c(r"内推|推荐(我|一下我)|引荐|介绍(一下)?(给我|我)|给我介绍|(请|让|求)(你|您).{0,6}介绍|"
                              r"帮(我|忙).{0,4}介绍|(我的)?简历.{0,6}(转|递|发|推)给|牵(个)?线")),
        ("招人", "job", _c(r"(你们|贵|您)(公司|团队|组|部门|那边|那).{0,10}(招人|招聘|缺人|空缺|岗位|职位|hc|HC|坑)|"
                         r"招人吗|缺不缺人|(有|有没有).{0,4}(合适的)?(岗位|职位|空缺|工作机会)|(还有|有没有)(坑|hc|HC)|"
                         r"找工作|求职|(空缺|岗位|职位).{0,10}(告诉|通知|想着|记得)")),
        ("推销", "sales", _c(r"砍一刀|拼单|助力|(帮我|给我|帮忙|请|来)投(个|一)?票|投(个|一)票|点(个)?赞|转发.{0,8}(朋友圈|一下)|帮.{0,3}转(一下|发)|"
                           r"(了解|试试|试用|购买|下单|订阅|关注)一下|要不要了解|优惠|折扣|团购|扫码")),
    ],
    "de": [
        ("leihen", "money", _c(r"\b(leih|borg)\w*\b[^.?!]{0,20}\b(mir|uns)\b|\b(mir|uns)\b[^.?!]{0,30}"
                               r"\b(leihen|borgen|vorstrecken|auslegen|überweisen|zurücküberweisen)\b|"
                               r"\büberweis\w*\s+(mir|uns)\b|\b(mir|uns) (etwas|was|ein bisschen) Geld\b")),
        ("spenden", "money", _c(r"\b(für|in) (mein|unser)\w*\s+\w+[^.?!]{0,30}\b(spenden|investieren|unterstützen)\b|"
                                r"\b(spenden|investieren)\b[^.?!]{0,30}\b(mein|unser)\w*|\b(kickstarter|crowdfunding|gofundme)\b|"
                                r"\bInvestor(en)?\b[^.?!]{0,20}\?")),
        ("gefallen", "favour", _c(r"\bGefallen\b[^.?!]{0,15}\b(tun|bitten|machen)\b|\bum einen Gefallen\b")),
        ("helfen", "favour", _c(r"\b(kannst|könntest|würdest|könnten|würden|kann|könnte|magst)\b[^.?!]{0,30}\b(mir|uns)\b"
                                r"[^.?!]{0,30}\bhelfen\b|\b(bräuchte|brauche|benötige|benötigen)\b[^.?!]{0,20}"
                                r"\b(deine|Ihre|eure|dein|Ihr) (Hilfe|Unterstützung|Rat)\b|\bhilf mir\b|\bhelfen Sie mir\b")),
        ("empfehlen", "referral", _c(r"\bmich\b[^.?!]{0,60}\b(empfehlen|weiterempfehlen|vorstellen|bekannt machen|"
                                     r"vermitteln|vorschlagen)\b|\bgutes Wort\b|\bEmpfehlungsschreiben\b|\bEmpfehlung für mich\b|"
                                     r"\b(Bewerbung|Lebenslauf|CV)\b[^.?!]{0,30}\bweiterleiten\b|\bVitamin B\b")),
        ("stelle", "job", _c(r"\b(sucht|suchen|stellt|stellen)\s+(ihr|Sie|euer \w+|Ihr \w+|deine \w+|dein \w+)\b"
                             r"[^.?!]{0,30}\b(Leute|Mitarbeiter\w*|Entwickler\w*|jemanden|ein)\b|"
                             r"\b(Team|Firma|Unternehmen|Abteilung|Laden)\b[^.?!]{0,30}\b(einstellen|stellt ein|"
                             r"Leute such\w*)\b|\b(Stelle|Stellen|Job|Jobs|Position)\b[^.?!]{0,30}\b(frei|offen)\b"
                             r"[^.?!]{0,40}\b(Bescheid|melden|sag|denk an mich)|\boffene Stellen?\b[^.?!]{0,30}\?|"
                             r"\b(auf Jobsuche|suche (gerade )?(einen )?(neuen )?Job)\b|\bLebenslauf\b")),
        ("verkauf", "sales", _c(r"\b(hättest|hätten|hast|haben) (du|Sie) Interesse an\b|\bDemo\b|\bRabatt\w*\b|"
                                r"\bGutschein\w*\b|\bProbeabo\b|\bkostenlos testen\b|\b(abonnier|registrier|installier)\w*\b"
                                r"[^.?!]{0,30}\b(unser|mein)\w*|\b(stimm|vote)\w* für (mich|mein|unser)\w*|"
                                r"\b(teil|like)\w* (meinen|unseren) (Post|Beitrag)\b|\bBewertung\b[^.?!]{0,20}\b(abgeben|schreiben)\b")),
    ],
    "fr": [
        ("prêter", "money", _c(r"\b(me|m['’])\s*(prêter|prêtes|prête|prêterais|avancer|avances|dépanner|dépannes)\b|"
                               r"\bprête-moi\b|\bavance-moi\b|\bemprunter\b|\b(faire|fais|ferais)\s+un\s+virement\b|"
                               r"\bvire-moi\b|\bme virer\b")),
        ("investir", "money", _c(r"\bd['’]investir\b|\binvestir dans (ma|mon|notre|nos)\b|\blève des fonds\b|"
                                 r"\blevée de fonds\b|\bcagnotte\b|\bfinancement participatif\b|\bfaire un don\b")),
        ("service", "favour", _c(r"\b(rendre|rends|rendrais)\s+(un\s+)?(petit\s+|grand\s+)?service\b|"
                                 r"\b(m['’]aider|aide-moi|aidez-moi|m['’]aiderais|m['’]aiderait)\b|"
                                 r"\bbesoin de (ton|votre) (aide|coup de main|soutien)\b|\bcoup de main\b[^.?!]{0,20}\?")),
        ("recommander", "referral", _c(r"\b(me |m['’])\s*(recommander|recommandes|présenter|présentes)\b[^.?!]{0,15}\b(auprès|à (ton|ta|tes|votre|vos)|chez|pour (le|ce) poste)\b|"
                                       r"\b(me |m['’])\s*(pistonner|mettre en (contact|relation))\b|\bglisser un (petit )?mot\b|"
                                       r"\ben ma faveur\b|\btransmettre (mon|ma) (CV|candidature)\b|"
                                       r"\blettre de recommandation\b|\bpiston\b")),
        ("recrute", "job", _c(r"\b(équipe|boîte|boite|entreprise|société|service)\b[^.?!]{0,20}\b(recrute\w*|embauche\w*)\b|"
                              r"\b(recrute\w*|embauche\w*)\b[^.?!]{0,20}(\?|chez (toi|vous))|"
                              r"\b(poste|job|emploi|ouverture)\b[^.?!]{0,40}\b(tiens-moi au courant|dis-moi|fais-moi signe|"
                              r"pense à moi)\b|\bje cherche (un nouveau |un )?(poste|job|emploi|travail)\b|"
                              r"\blettre de motivation\b|\bmon CV\b")),
        ("vente", "sales", _c(r"\b(t['’]inscrire|vous inscrire|s['’]inscrire|télécharger|installer|acheter|commander)\b"
                              r"[^.?!]{0,30}\b(notre|mon|ma|nos)\b|\blaisser un avis\b|\bréduction\b|\bcode promo\b|"
                              r"\boffre spéciale\b|\bdémo\b|\bvoter pour\b|\b(partager|liker) (mon|notre|ma) "
                              r"(post|publication|vidéo)\b")),
    ],
    "ar": [
        ("قرض", "money", _c(r"تسلفني|سلفني|تقرضني|اقرضني|تدينني|(ممكن|تقدر|هل يمكنك|ارجو).{0,12}(تحول|تحويل) ?لي|"
                           r"(محتاج|احتاج|ابي|ابغي|بدي|اريد).{0,10}(فلوس|مبلغ|مال|مصاري)|تستثمر|الاستثمار (في|ب) "
                           r"(شركتنا|مشروعي|مشروعنا)|نجمع تمويل|تتبرع|تبرع (لي|لمشروعي)")),
        ("خدمة", "favour", _c(r"(تعمل|تعملي|تسوي|تسويلي|تقدم|تسدي) ?(لي )?خدمه|اطلب منك (خدمه|معروف)|خدمه صغيره|"
                             r"(محتاج|احتاج|بحاجه الي|بحاجه ل|ابي|ابغي|اريد|بدي) ?(ل)?مساعدتك|"
                             r"(تستطيع|ممكن|يمكنك|تقدر|تقدري|هل بامكانك) (ان )?(تساعدني|تساعديني|مساعدتي)|ساعدني|معروف")),
        ("ترشيح", "referral", _c(r"ترشحني|رشحني|توصي بي|تزكيني|تعرفني علي|تعرفيني علي|توصلني (ب|مع)|تمرير سيرتي|"
                               r"تقدمني|تقدميني|واسطه|توصيه لي")),
        ("وظيفة", "job", _c(r"توظف|توظفون|يوظفون|تبحثون عن موظفين|شواغر|شاغره|ابحث عن (وظيفه|عمل|شغل)|"
                          r"سيرتي الذاتيه|السيره الذاتيه|(وظيفه|شغل|فرصه).{0,20}(خبرني|قل لي|بلغني)")),
        ("بيع", "sales", _c(r"منتج.{0,25}(تجربته|تجربه|خصم|عرض|تشتري)|بخصم|خصم خاص|عرض خاص|تصوت|التصويت|"
                          r"اشترك|تشترك|حمل التطبيق|تقييم")),
    ],
    "hi": [
        ("उधार", "money", _c(r"उधार|कर्ज|(पैसे|रुपये|रुपए|₹)\s*(\d+\s*)?(चाहिए|दे (सकते|सकती|दो|दोगे|दोगी)|भेज)|"
                           r"(\d+|हजार|लाख)\s*(रुपये|रुपए|₹)?\s*(चाहिए|उधार)|निवेश|invest|transfer कर")),
        ("मदद", "favour", _c(r"मदद (कर सकते|कर सकती|कर दो|कर दोगे|कर दोगी|करोगे|करोगी|चाहिए|कीजिए|करेंगे)|"
                           r"मेरी (एक |थोड़ी )?मदद|एक (छोटा सा |छोटा )?काम (है|कर दो|करोगे)|एहसान|"
                           r"help (कर|चाहिए)|favou?r (कर|चाहिए|है)")),
        ("सिफारिश", "referral", _c(r"refer|रेफर|सिफारिश|मुझे.{0,40}मिलवा|मेरा (नाम|resume|cv).{0,20}(आगे|forward|भेज)|"
                                 r"introduce कर")),
        ("नौकरी", "job", _c(r"(नौकरी|vacancy|वैकेंसी|opening|जगह|position|role|job).{0,25}हो तो.{0,20}(बताना|बता देना|"
                           r"बताइए|बताइएगा|बताओ)|(hiring|भर्ती) (चल रही|हो रही|है क्या)|resume|रिज्यूमे|\bCV\b|सीवी|"
                           r"नौकरी (ढूंढ|ढूँढ|की तलाश)|job (ढूंढ|ढूँढ|चाहिए)")),
        ("बिक्री", "sales", _c(r"vote|वोट (कर|दे)|review दे|download कर|छूट|discount|खरीद(ना|ेंगे|ोगे)|subscribe")),
    ],
}

# The compositional layer: a clause that is a request to the contact (a request frame) and names something
# transactional (a lexicon term) is an ask, whatever the exact wording. "How is the new job?" is a question,
# not a request (NOT_REQUEST), and "Hope the new role is treating you well" has no request frame.
FRAMES: dict[str, tuple[re.Pattern, re.Pattern | None, dict[str, re.Pattern]]] = {
    "en": (
        _c(r"\b(could|can|would|will|won'?t|wouldn'?t) (you|u)\b|\b(do|would|did) you (mind|happen to|know (if|whether|"
           r"anyone|someone|of))\b|\bany chance\b|\bwould it be (possible|ok)\b|\b(are|is) there any\b|"
           r"\bi was (hoping|wondering)\b|\b(do you |would you )?want to (grab|buy|order|get|try|join|check|sign)\b|"
           r"\binterested in\b|\bplease\b|\bkeep me in mind\b|\blet me know (if|whether)\b|\bif you could\b|"
           r"\bit would mean a lot\b|\b(i|we) (really )?(need|could use)\b|\bbit awkward,? but\b|\bcan i ask you\b|"
           r"\bare you( guys| all)? (still )?(looking for|hiring|searching)\b|\bwant me to (save|reserve|book|send)\b"),
        _c(r"\b(can|could) you (believe|imagine)\b|^\s*(how|what|when|where|who|why)('?s| is| are| was| did| do)\b"),
        {
            "money": _c(r"\b(money|cash|rent|loan|lend|borrow|cover (my|the|me)|bucks|euros?|dollars?|pounds|invest\w*|"
                        r"fund(ing|raise)?|donat\w*|chip in|pay (you|it) back|spare)\b|[$€£¥]\s?\d"),
            "job": _c(r"\b(job|jobs|position|positions|role|roles|opening|openings|vacanc\w+|hiring|recruit\w*|headcount|"
                      r"cv|resume|résumé|interview|(looking|searching) for an? (\w+ )?(engineer|developer|analyst|designer|"
                      r"manager|scientist|intern))\b"),
            "referral": _c(r"\b(introduc\w+|intro|connect me|put me in touch|refer\w*|recommend me|good word|vouch)\b"),
            "sales": _c(r"\b(buy|order|purchase|grab one|prints|shop|store|subscribe|sign up|discount|price|pricing|"
                        r"quote|demo|trial|vote|upvote|webinar|save you a (seat|spot)|tickets?|"
                        r"(my|our) (new )?(\w+ )?(product|app|service|business|brand|course|book|tool|platform))\b"),
            "favour": _c(r"\b(help|favou?r|check my|look at my|look over my|review my|proofread|feedback on my|"
                         r"a request|ask of you|ask you to|(water|feed|watch|look after|take care of|mind) my|"
                         r"pick (me|my|it|them|up)|drive (me|my)|while i'?m (away|gone)|for me while)\b"),
        },
    ),
    "zh": (
        _c(r"能不能|能否|可不可以|可否|可以.{0,10}吗|能.{0,10}吗|方便|麻烦|拜托|请你|请您|想请|求你|有空|记得|要不要|"
           r"愿不愿意|有没有|还有.{0,8}吗|吗\s*[？?]|[？?]\s*$|呗|来看看|想找你|有件事|一件事|给你留"),
        _c(r"^(你|您)?(最近|现在)?(怎么样|还好|好吗)|身体|还记得|记得.{0,20}吗|一起.{0,8}吗|需要我"),
        {
            "money": _c(r"钱|借|贷款|转账|转我|块钱|万块|千块|投资|入股|周转|应急|垫付|房租|还不上|支援我|信用卡"),
            "job": _c(r"坑|岗位|职位|招人|招聘|空缺|工作机会|换个环境|跳槽|简历|面试|内推|缺人"),
            "referral": _c(r"介绍|引荐|牵(个)?线|搭桥|推荐(我|一下)|内推|认识.{0,12}(吗|能不能)"),
            "sales": _c(r"下(个)?单|购买|(来|帮我|要不要|给你)买|卖给|网店|店铺|我们店|优惠|折扣|[一二三四五六七八九]折|打折|名额|砍一刀|助力|投票|点赞|转发|(我们|我)的?(新)?产品|链接|扫码"),
            "favour": _c(r"帮忙|帮我|帮个|有件事|一件事|求你|约一下|取(个)?快递|接(我|一下)|照顾|替我"),
        },
    ),
    "de": (
        _c(r"\b(kannst|könntest|würdest|könnten|würden|magst|willst|möchtest|hättest|habt ihr|gibt es|weißt du|wisst ihr|"
           r"kennst du|wäre es möglich|bitte|Bitte an dich|Bitte an Sie)\b|\b(ich|wir) (brauche|bräuchte|brauchen)\b"),
        _c(r"\b(kannst|könntest|kann|können) (du )?(dir|euch|sich) (vorstellen|denken)\b|^\s*wie (war|ist|geht|läuft)\b"),
        {
            "money": _c(r"\b(Geld|Euro|leihen|borgen|vorstrecken|auslegen|überweisen|Miete|zurückzahlen|investier\w*|"
                        r"spenden|Kredit|knapp bei Kasse)\b|[$€£]\s?\d|\d\s?(€|Euro)"),
            "job": _c(r"\b(Stelle|Stellen|Job|Jobs|Position|gesucht|einstellen|Bewerbung|Lebenslauf|"
                      r"Vorstellungsgespräch|Entwickler\w*)\b"),
            "referral": _c(r"\b(vorstellen|bekannt machen|vermitteln|empfehlen|Kontakt herstellen|in Kontakt bringen|"
                           r"gutes Wort)\b"),
            "sales": _c(r"\b(bestellen|kaufen|verkaufe\w*|Shop|Rabatt|Angebot|abonnieren|anmelden|Demo|Preis|Glas|Kurs)\b"),
            "favour": _c(r"\b(Gefallen|Hilfe|helfen|Bitte|anschauen|drüberschauen|durchlesen|korrigieren|checken|"
                         r"gießen|füttern|aufpassen|abholen|mitnehmen|vorbeibringen|während ich weg)\b"),
        },
    ),
    "fr": (
        _c(r"\b(tu pourrais|pourrais-tu|tu peux|peux-tu|pouvez-vous|vous pourriez|pourriez-vous|tu accepterais|"
           r"accepterais-tu|vous accepteriez|ça te dérangerait|tu veux|veux-tu|voudrais-tu|tu voudrais|vous voulez|"
           r"voulez-vous|est-ce qu(e|['’])|n['’]hésite pas|dis-moi si|tiens-moi|fais-moi signe|te demander|vous demander|"
           r"tu cherches|vous cherchez|s['’]il te plaît|s['’]il vous plaît|stp|svp)\b"),
        _c(r"^\s*(comment|quand|où|qui)\b"),
        {
            "money": _c(r"\b(argent|euros?|prêt\w*|avancer|m['’]avancer|virement|investir|fonds|payer|loyer|me dépanner de)\b|[$€£]\s?\d|\d\s?€"),
            "job": _c(r"\b(poste|postes|job|emploi|recrut\w*|embauch\w*|développeu\w*|profils|CV|candidature|stage|"
                      r"alternance)\b"),
            "referral": _c(r"\b(présenter|mettre en relation|mettre en contact|recommand\w*|piston\w*|un mot)\b"),
            "sales": _c(r"\b(command\w*|achet\w*|boutique|marque|prix|réduction|promo|abonn\w*|inscri\w*|démo|voter|avis)\b"),
            "favour": _c(r"\b(service|aide|aider|coup de main|relire|jeter un (œil|oeil) à (mon|ma|mes)|garder (mon|ma|mes)|"
                         r"arroser|nourrir|récupérer (mon|ma|mes)|m['’]emmener|pendant mon absence|dépanner)\b"),
        },
    ),
    "ar": (
        # "ارجو ان تكون(وا) بخير" is a wish ("I hope you are well"), not a request
        _c(r"ممكن|تقدر|تقدري|\bهل\b|ارجو(?! ان (تكون|تكوني|تكونوا|تكونون|يكون|تكون الامور))|لو سمحت|من فضلك|عندي طلب|"
           r"عندكم|فيه عندكم|تعرف|اطلب|احتاج|محتاج|بدي|ابغي|ابي|"
           r"تعال|جرب|احصل"),
        _c(r"^\s*(كيف|شو|ايش|وين|متي|مين)"),
        {
            "money": _c(r"مبلغ|فلوس|مال|مصاري|سلف|قرض|دين|تحويل|تحول|الراتب|استثمار|تمويل|دولار|درهم|ريال|جنيه"),
            "job": _c(r"وظيف|وظائف|توظيف|فرص(ه)? عمل|شاغر|الذاتيه|موظفين|مكان لي"),
            "referral": _c(r"توصلني|تعرفني|ترشحني|واسطه|توصيه|تقدمني|(تكلم|تحكي|كلم) \w+ عني|مديرك"),
            "sales": _c(r"متجر|خصم|عرض|اطلب|اشتري|شراء|منتج|تصويت|تقييم|اشترك|افتتحنا|جربه"),
            "favour": _c(r"خدمه|مساعده|تساعد|طلب|معروف|تراجع|تشوف لي|توصل (امي|ابي|اخي|اختي|زوجتي|ابني|بنتي|اولادي)|"
                         r"تاخذ (امي|ابي)|تنتبه ل|تهتم ب|المطار"),
        },
    ),
    "hi": (
        _c(r"क्या|सकते|सकती|सकोगे|सकोगी|दोगे|दोगी|करोगे|करोगी|लोगे|लोगी|please|प्लीज|बताना|बता देना|चाहिए|करवा|"
           r"दिलवा|है क्या|हैं क्या|जरूरत है|निकाल|है\s*[?？]|देखो|खरीदो|ना\s*$"),
        _c(r"कैसा|कैसी|कैसे|क्या हाल|कब|कहां|कहाँ|भेज (सकते|सकती|दो|दोगे)"),
        {
            "money": _c(r"पैसे|पैसों|रुपये|रुपए|₹|उधार|कर्ज|लोन|invest|निवेश|लौटा दूंगा|वापस कर दूंगा"),
            "job": _c(r"नौकरी|जॉब|\bjob\b|vacancy|वैकेंसी|जगह खाली|hiring|भर्ती|opening|resume|रिज्यूमे|\bCV\b|इंटरव्यू|interview"),
            "referral": _c(r"refer|रेफर|सिफारिश|मिलवा|बात करवा|introduce|connect"),
            "sales": _c(r"ऑर्डर|order|खरीद|बेच|दाम|छूट|discount|download|review|vote|वोट|subscribe|store|shop|दुकान"),
            "favour": _c(r"मदद|help|काम था|काम है|एक काम|favou?r|एहसान|टाइम निकाल|देख लो|देख लोगे|मेरे लिए|उठा (सकते|सकती|लोगे|लेना)|"
                         r"छोड़ (सकते|दोगे|देना)|ले आना|ले आओगे"),
        },
    ),
}


# Indirect asks that need no request frame: a conditional offer of oneself for a job ("if you need a Go
# developer, I'd love to hear about it"), name-dropping ("a word from you"), collections and donations,
# "friend prices", and asking for someone's time for one's own work.
INDIRECT: list[tuple[str, str, re.Pattern]] = [
    ("job-conditional", "job", _c(
        r"\bif (there'?s|there is|you have|you'?ve got|your team has|you need|you'?re looking for)\b[^.!?]{0,50}"
        r"\b(room|role|position|opening|developer|engineer|analyst|designer|someone|hands?)\b[^.!?]{0,60}"
        r"\b(i'?d love|i would love|i'?d be (happy|keen|interested|open)|i'?m (available|interested|keen|open)|count me in|"
        r"hear about it|think of me|keep me in mind)|"
        r"\b(falls|wenn) (ihr|Sie|du)\b[^.!?]{0,50}\b(suchen|sucht|brauchen|braucht)\b[^.!?]{0,40}\b(ich wäre|ich bin|"
        r"denk an mich|offen für)|\b(wird|werden) bei (euch|Ihnen)\b[^.!?]{0,40}\b(gebraucht|gesucht)\b|"
        r"\bsi (un|une) (poste|place|job|mission)\b[^.!?]{0,40}\b(se libère|s'ouvre|est dispo\w*)\b|"
        r"(اذا|لو) (محتاجين|تحتاجون|تبحثون)[^.!?؟]{0,40}(انا جاهز|انا موجود|فكر فيني|تذكرني)|"
        r"(role|position|opening|नौकरी|जगह|vacancy).{0,25}हो तो.{0,25}(ध्यान में|याद) रखना|"
        r"(扩招|招人|缺人|招聘).{0,4}(吗|么|没)")),
    ("name-drop", "referral", _c(
        r"\b(mentioned|mention|drop|dropped) my name\b|\ba (good )?word from you\b|\bput me forward\b|"
        r"\btake a call from me\b|\barrange a (meeting|call|intro)\b|\bein Treffen\b[^.!?]{0,30}\barrangieren\b|"
        r"\bparler de moi\b|\b(ein|das) gutes Wort\b|كلمه حلوه عني|(تحكي|تكلم) عني|मेरे बारे में बात|"
        r"(替|为)我(说|美言)|提一下我|打听一下.{0,12}机会")),
    ("collection", "money", _c(
        r"\b(collect(ion|ing)|fundrais\w*|raising money|donations?)\b[^.!?]{0,60}\b(you|chip|join|contribute)\b|"
        r"\b(Spende\w*|Spendenaktion|sammeln)\b[^.!?]{0,40}\b(du|Sie|dich|mitmachen)\b|"
        r"\b(collecte|cagnotte|dons?)\b[^.!?]{0,40}\b(participer|contribuer|tu|vous)\b|"
        r"تبرعات|تبرع|تساهم|چنده|चंदा|दान|募捐|捐款|捐点|众筹|adjust कर (दो|दोगे|देना)|周转|किराये?.{0,20}कमी")),
    ("friend-price", "sales", _c(
        r"\b(friend(s|'s)? (price|rate|discount)|mate'?s rates|first (class|session|month|lesson) (is )?free|"
        r"book (this|before|by) |sign up (this|before)|special price|early bird)\b|"
        r"\b(Sonderpreis\w*|Freundschaftspreis|Freundespreis|schau (doch )?mal rein)\b|"
        r"\b(tarif ami|prix d'ami|je te fais un (tarif|prix))\b|"
        r"(从我这|找我)(买|办|订)|给你.{0,6}(看看方案|打折|优惠|留个名额)|我在做(保险|微商|理财|代购)|"
        r"(اطلب|اشتري) منها|(قل|قول) انك من طرفي|"
        r"policy ले लो|(एक|कुछ) (policy|plan) ले|agent का काम")),
    # Payment instructions: money to an account, card, IBAN or wallet, or a bill paid "for me", in six languages
    # (evals/asks/money.jsonl). Checked on every clause whatever its script: account numbers mix scripts.
    ("payment", "money", _c(
        r"\b(transfer|wire|send|pay|remit|deposit)\b[^.?!]{0,40}\b(to|into|on|via)\b[^.?!]{0,15}"
        r"\b(account|acct|iban|card|paypal|venmo|bank|wallet)\b|"
        r"\b(transfer|wire|remit)\b[^.?!]{0,12}\d[\d,.]*\s*(k|yuan|rmb|euros?|dollars?|usd|eur|gbp|pounds|rupees)?\b|"
        r"\b(pay|cover)\b[^.?!]{0,25}\bfor me\b|\b(bank|account|payment) details\b|"
        r"(转|汇|打)(钱|款|账)?\s*[\d一二两三四五六七八九十百千万]+\s*(元|块|万|千|百)?.{0,8}(到|给|进)|"
        r"(转|汇|打)(到|给|进).{0,6}(账户|账号|帐户|帐号|卡|支付宝|微信)|收款码|付款码|扫一?下.{0,4}转|"
        r"(帮我|替我)(付|交|垫|还)|"
        r"\b(überweis\w*|schick\w*|zahl\w*|send\w*)\b[^.?!]{0,40}\b(Konto\w*|IBAN|PayPal|Karte)\b|"
        r"\bfür mich (zahlen|bezahlen|übernehmen|auslegen)\b|\b(zahlen|bezahlen|übernehmen)\b[^.?!]{0,10}\bfür mich\b|"
        r"\b(virer|vire|verser|verse|envoyer|envoie|payer|paie)\b[^.?!]{0,40}\b(compte|RIB|IBAN|Lydia|PayPal|carte)\b|"
        r"\bmon RIB\b|\b(payer|régler)\b[^.?!]{0,20}\bà ma place\b|\bbesoin de \d[\d ]*\s*(euros?|€)|"
        r"(حول|ارسل|ادفع|اودع|تحول|ترسل|تدفع)[^.؟!]{0,40}(الحساب|حسابي|رقم البطاقه|البطاقه|الايبان|ايبان)|"
        r"(ادفع|تدفع|ادفعي) عني|(ارسل|حول|ترسل|تحول) المبلغ|رقم الايبان|"
        r"(खाते|खाता|अकाउंट|account|UPI|Google Pay|Paytm|PhonePe|gpay).{0,30}(भेज|ट्रांसफर|transfer|डाल)|"
        r"\d[\d,]*.{0,20}(भेज दो|भेज देना|ट्रांसफर कर|transfer कर)|किराया.{0,20}(भर दो|भर देना|दे दो|दे देना)|"
        r"(\d+|हजार|लाख).{0,20}(सख्त |बहुत )?(जरूरत|ज़रूरत)|\bUPI\b")),
    ("time-for-mine", "favour", _c(
        r"\b(would|do|will) you have (the )?time to\b[^.!?]{0,40}\b(my|me|our)\b|"
        r"\b(hättest|hast) du (mal )?Zeit\b[^.!?]{0,40}\b(mein|mir|mich)\w*|"
        r"\b(tu aurais|aurais-tu|vous auriez) (le )?temps de\b|\b(tu serais|seriez-vous|serais-tu) d['’]accord pour\b|"
        r"\bwärst du so (lieb|nett|gut)\b|\b(sei|seien Sie) so (lieb|nett|gut)\b|"
        r"تستلم لي|تجيب لي|تاخذ لي|تحجز لي|"
        r"(छोड़|छोड) (दोगे|दोगी|देना|सकते|सकती)|ले (आओगे|आओगी|आना)|"
        r"有空帮|帮忙(挂|取|接|带|看|问|打听)|帮我(挂|取|接|带|看|问)")),
]


# Clauses that offer help or thank for past help: the favour/referral rules do not fire in them.
OFFERS = [
    _c(r"\b(happy|glad|able) to (help|introduce|connect|intro|make an intro)\b|\bi (can|could) (help|introduce|connect) you\b|"
       r"\blet me know if you need\b|\bif you (ever )?need (anything|any help|help)\b|\bthanks? (again )?for (helping|your help)\b|"
       r"\b(can|could|may|shall) i (help|do|lend a hand)\b|\banything i can (do|help)\b|\bif i can (help|do)\b|"
       r"\b(do|would) you (need|want|like) (a hand|help|me to)\b|\bwant me to\b"),
    _c(r"我(可以|能|来)?帮(你|您|忙|得上)|随时找我|需要帮忙.{0,4}(找我|说|告诉我)|(上次|当年|之前|以前|那次|多亏).{0,6}(你|您)帮|谢谢(你|您)?帮|"
       r"感谢(你|您)?帮|感激|(有什么|有啥|需要).{0,6}我.{0,4}(帮|做)|需要帮手|要不要我|(跟|和|告诉)我说一声|尽管(说|开口|找我)"),
    _c(r"\b(ich kann|ich könnte|gerne)\b[^.?!]{0,20}\b(dir|Ihnen|dich|Sie)\b[^.?!]{0,20}\b(helfen|bekannt machen|vorstellen)\b|"
       r"\bwenn (du|Sie) Hilfe brauch\w*|\bdanke\b[^.?!]{0,20}\bHilfe\b|\b(wobei|womit|wie) ich\b[^.?!]{0,20}\bhelfen\b|"
       r"\b(kann|könnte|soll) ich (dir|Ihnen|euch)\b[^.?!]{0,30}\b(helfen|tun|machen|schicken)\b|\bsoll ich\b|"
       r"\bwenn ich (was|etwas|irgendwas)\b[^.?!]{0,20}\b(tun|machen)\b|\bbrauchst du Hilfe\b"),
    _c(r"\bje (peux|pourrais) (t['’]|vous )?(aider|présenter|te présenter|vous présenter)\b|\bsi (tu as|vous avez) besoin\b|"
       r"\bmerci\b[^.?!]{0,20}\baide\b|\bje (peux|pourrais) (te|vous) (filer|donner|prêter) un coup de main\b|"
       r"\b(est-ce que )?je peux (t['’]|vous )aider\b|\b(tu veux|vous voulez) que je\b|\bsi je peux\b|"
       r"\btu as besoin d['’]un coup de main\b"),
    _c(r"اذا احتجت|لو احتجت|انا موجود|اقدر اساعدك|اقدر اعرفك|شكرا.{0,20}مساعدتك|(استطيع|اقدر|ممكن) (ان )?(اساعدك|مساعدتك)|"
       r"(اذا|لو) (تحتاج|احتجت|محتاج)|تبي (ا|اني) |تحتاج مساعده"),
    _c(r"अगर (किसी|कोई|कुछ) (मदद|चीज)|मैं (तुम्हें|आपको).{0,30}(मिलवा|मदद)|मदद के लिए.{0,15}धन्यवाद|"
       r"मैं.{0,30}मदद (कर सकता|कर सकती|कर दूँ|कर दूं|कर दूंगा)|मदद चाहिए तो|(जरूरत|ज़रूरत) हो तो|मैं आ जाऊ"),
]
_OFFER_EXEMPT = {"favour", "referral"}

# A language's rules only look at clauses written (at least partly) in its script: the English words inside the
# Hindi rules ("vote", "invest") must not fire on an English sentence about Raft's pre-vote.
_SCRIPT = {
    "zh": re.compile(f"[{HAN}]"), "ar": re.compile(f"[{ARABIC}]"), "hi": re.compile(f"[{DEVANAGARI}]"),
    "en": re.compile(r"[A-Za-z]"), "fr": re.compile(r"[A-Za-zÀ-ÿ]"), "de": re.compile(r"[A-Za-zÄÖÜäöüß]"),
}

_SPLIT = re.compile(r"(?<=[.!?。！？؟])\s*|\n+|(?<=[,，;；،])\s*(?=(but|also|and|aber|mais|لكن|लेकिन|但是|不过)\b)", re.I)
def clauses(text: str) -> list[str]:
    parts = [p for p in _SPLIT.split(normalize(text)) if p and p.strip() and p.lower() not in
             ("but", "also", "and", "aber", "mais", "لكن", "लेकिन", "但是", "不过")]
    return parts or [normalize(text)]


def find_asks(text: str, langs: tuple[str, ...] | None = None) -> list[AskFinding]:
    """Every ask the rules see in `text` (empty: none). `langs` limits the rule sets (default: all)."""
    found: list[AskFinding] = []
    seen: set[tuple[str, str]] = set()
    sets = {k: v for k, v in RULES.items() if langs is None or k in langs}
    for clause in clauses(text):
        offer = any(p.search(clause) for p in OFFERS)
        scripts = {lang for lang, pat in _SCRIPT.items() if pat.search(clause)}
        for lang, rules in sets.items():
            if lang not in scripts:
                continue
            for name, category, pattern in rules:
                if offer and category in _OFFER_EXEMPT:
                    continue
                m = pattern.search(clause)
                if m and (category, clause) not in seen:
                    seen.add((category, clause))
                    found.append(AskFinding(category, lang, name, clause.strip()[:160]))
        for name, category, pattern in INDIRECT:
            if offer and category in _OFFER_EXEMPT:
                continue
            if pattern.search(clause) and (category, clause) not in seen:
                seen.add((category, clause))
                found.append(AskFinding(category, "*", name, clause.strip()[:160]))
        if any(c == clause for _, c in seen):
            continue
        for lang, (request, not_request, lexicon) in FRAMES.items():
            if (langs is not None and lang not in langs) or lang not in scripts:
                continue
            if not request.search(clause) or (not_request is not None and not_request.search(clause)):
                continue
            for category, pattern in lexicon.items():
                if offer and category in _OFFER_EXEMPT | {"job"}:
                    continue
                if pattern.search(clause) and (category, clause) not in seen:
                    seen.add((category, clause))
                    found.append(AskFinding(category, lang, "frame", clause.strip()[:160]))
                    break
    return found


def is_ask(text: str) -> bool:
    return bool(find_asks(text))


__all__ = ["CATEGORIES", "RULES", "AskFinding", "clauses", "find_asks", "is_ask", "normalize"]
