"""Languages: the one a message is written in, and the ones the person says they speak or not.

:func:`detect_language` scores four languages (fr, nl, en, de) by their function words and
greetings, including the SMS forms jobseekers type ("jhabite", "chui", "ni", "wa"), plus the
letters only one of them uses (é, ç, à for French; ä, ö, ü, ß for German; "ij" for Dutch). A word
shared by several languages ("de", "in", "je") counts for each of them in part. Short greetings
are enough: "Hallo, goedemiddag! Kunt u mij helpen?" is Dutch.

:func:`languages_stated` reads "je parle arabe et anglais", "ik spreek geen Frans", "my French is
very basic", "ich spreche nur wenig Französisch": a language named in a clause about speaking is
spoken, unless the clause negates it (see :mod:`assistant.understanding.negation`) or says it is
weak; "ne parle que l'allemand" is spoken.
"""

from __future__ import annotations

import re

from assistant.understanding.negation import Scope, negated

Span = tuple[int, int]


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_FUNCTION_WORDS = {
    "fr": """je ai jai jhabite jveux jsuis chui jcherche jsais jvoudrais jparle jtravaille le la les
        de des du et un une pour dans mon ma mes suis voudrais voudrai est pas avec sur au aux
        qui que ce cette il elle nous vous bonjour merci svp stp slt bjr salut formation travail
        cours habite cherche veux veu sui ans an ancien ancienne ne plus tres aussi ou mais car
        quoi comment ca c cest moi mais apprendre faire sais souhaite veut à où ça été être
        déjà très""",
    "nl": """ik je het een en van de is niet ben wil graag werk opleiding met voor in op te om zoek
        woon heb al geen maar want dat wat weet hoe kunt u mij helpen hallo hoi goedemiddag
        goedemorgen goedendag dag jaar nog nooit leren cursus dank bedankt alleen liefst ni wa da
        mijn zijn er bij naar ook kan moet werkzoekend ervaring buurt""",
    "en": """i the and to my a of in for want would like is am with training job im live looking
        hi hello course work have dont never no not what know how can please thanks years old
        from as an at be this that it me get use used any or but""",
    "de": """ich und der die das ein eine einen nicht ist bin habe hab mit fur in zu wohne mochte
        suche kurs kein keine keinen arbeit arbeite als bei auf auch aber oder wie was weiss
        guten tag hallo danke bitte jahre alt noch nie mich mir sie gern gerne machen lernen
        werden will seit ein einem einer meine mein im am""",
}
# Words of looking for training or work that only one of the languages uses: they tell the
# language of a terse message ("Opleiding lasser Gent", "Weiterbildung Buchhaltung Eupen").
_HINTS = {
    "fr": """formation formations cours apprendre emploi travail metier recherche cherche jcherche
        habite jhabite svp stp voudrais voudrai chomage bonjour salut""",
    "nl": """opleiding opleidingen cursus werk leren zoek woon beroep werkzoekende graag hoi
        vacature""",
    "en": "course courses training learn need looking near wants lives retrain hi",
    "de": """weiterbildung ausbildung kurs kurse arbeit suche lernen wohne wohnt beruf stelle jahre
        arbeitslos umschulung""",
}
_LETTERS = {
    "fr": re.compile(r"[éèêàçùûœ]|\b(?:qu|l|d|j|n|c|s)['’]|eau|eux\b"),
    "de": re.compile(r"[äöüß]|sch|ung\b|keit\b|nisse\b|tz"),
    "nl": re.compile(r"ij|oe[^uo]|aa|uu|ee|oo|ieuw"),
    "en": re.compile(r"\bth|['’](?:m|s|d|ve|ll|re|t)\b"),
}
_WORDS: dict[str, set[str]] = {}
for _table in (_FUNCTION_WORDS, _HINTS):
    for _lang, _text in _table.items():
        for _word in _text.split():
            _WORDS.setdefault(_word, set()).add(_lang)


def language_scores(text: str) -> dict[str, float]:
    """How much ``text`` looks like each of ``fr``, ``nl``, ``en`` and ``de``: its function
    words (a word of several languages counts for each in part) and the letters only one uses."""
    lowered = text.casefold()
    words = re.findall(r"[^\W\d_]+", lowered)
    # an accent-free form, so "möchte" and "mochte" count alike
    scores: dict[str, float] = dict.fromkeys(("fr", "nl", "en", "de"), 0.0)
    for word in words:
        # an accented word is looked up as written first: "à" is French, not English "a"
        langs = _WORDS.get(word) or _WORDS.get(word.translate(_PLAIN))
        if langs:
            for lang in langs:
                scores[lang] += 1.0 / len(langs)
    for lang, pattern in _LETTERS.items():
        scores[lang] += 0.5 * min(len(pattern.findall(lowered)), 4)
    return scores


def detect_language(text: str) -> str:
    """``"fr"``, ``"nl"``, ``"en"`` or ``"de"``: the language ``text`` is written in (French when
    nothing tells)."""
    scores = language_scores(text)
    best = max(("fr", "nl", "en", "de"), key=lambda k: scores[k])
    return best if scores[best] > 0 else "fr"


def guess_language(text: str, minimum: float = 2.0) -> str | None:
    """The language of ``text`` when its score reaches ``minimum`` and no other language's
    equals it, else ``None``: too little to tell, and the caller (a reply) keeps the
    conversation's or the page's language. The same scores as :func:`detect_language`."""
    scores = language_scores(text)
    ranked = sorted(scores.values(), reverse=True)
    best = max(("fr", "nl", "en", "de"), key=lambda k: scores[k])
    return best if ranked[0] >= minimum and ranked[0] > ranked[1] else None


_PLAIN = str.maketrans("àâäéèêëîïôöùûüç", "aaaeeeeiioouuuc", "")

# Language names in the four languages (folded), to ISO 639-1 codes.
LANGUAGE_NAMES = {
    "fr": "francais franssais fransais french frans franse franzosisch fransosisch",
    "nl": "neerlandais flamand nederlands vlaams dutch flemish niederlandisch nl",
    "en": "anglais engels english englisch",
    "de": "allemand duits german deutsch",
    "ar": "arabe arabisch arabic arab",
    "es": "espagnol spaans spanish spanisch",
    "it": "italien italiaans italian italienisch",
    "pt": "portugais portugees portuguese portugiesisch",
    "ru": "russe russisch russian",
    "uk": "ukrainien oekraiens ukrainian ukrainisch",
    "tr": "turc turks turkish turkisch",
    "fa": "persan farsi dari persian persisch perzisch",
    "ti": "tigrinya tigrigna",
    "tl": "tagalog filipino",
    "pl": "polonais pools polish polnisch",
    "ro": "roumain roemeens romanian rumanisch",
    "ln": "lingala",
    "sw": "swahili kiswahili",
    "so": "somali somalien somalisch",
    "ku": "kurde koerdisch kurdish kurdisch",
    "sq": "albanais albanees albanian albanisch",
    "bg": "bulgare bulgaars bulgarian bulgarisch",
    "hi": "hindi",
    "ur": "ourdou urdu",
    "ps": "pachto pashto pasjtoe paschtu",
    "bn": "bengali bengaals",
    "zh": "chinois chinees chinese chinesisch mandarin",
    "vi": "vietnamien vietnamees vietnamese vietnamesisch",
    "el": "grec grieks greek griechisch",
    "hu": "hongrois hongaars hungarian ungarisch",
    "cs": "tcheque tsjechisch czech tschechisch",
    "sk": "slovaque slowaaks slovak slowakisch",
    "sr": "serbe servisch serbian serbisch",
    "hr": "croate kroatisch croatian",
    "bs": "bosniaque bosnisch bosnian",
    "lt": "lituanien litouws lithuanian litauisch",
    "am": "amharique amhaars amharic amharisch",
    "wo": "wolof",
    "ff": "peul fula fulfulde",
}
_NAME_TO_CODE = {name: code for code, names in LANGUAGE_NAMES.items() for name in names.split()}
_NAME = re.compile(r"\b(" + "|".join(sorted(_NAME_TO_CODE, key=len, reverse=True)) + r")\b")
_SPEAK = re.compile(
    r"\b(?:parle|parles|parlons|jparle|parl|spreek|spreekt|spreken|speak|speaks|spoken|"
    r"spreche|spricht|sprechen|langue maternelle|moedertaal|native|muttersprache|couramment|"
    r"fluent|vloeiend|fliessend|bilingue|trilingue|bilingual|tweetalig|drietalig|zweisprachig|"
    r"mother tongue|comprends|comprend|understand|begrijp|versta|verstehe|mot|word|woord|wort|"
    r"maitrise|beherrsche|beheers|first language|eerste taal|know)\b"
)
# "néerlandophone", "Franstalig", "deutschsprachig": a speaker of the language
_SPEAKER_OF = {
    "fr": r"francophone|franstalige?|franzosischsprachig|french-speaking",
    "nl": r"neerlandophone|nederlandstalige?|niederlandischsprachig|dutch-speaking",
    "en": r"anglophone|engelstalige?|englischsprachig|english-speaking",
    "de": r"germanophone|duitstalige?|deutschsprachig|german-speaking",
    "ar": r"arabophone|arabischtalige?|arabischsprachig|arabic-speaking",
    "es": r"hispanophone|spaanstalige?|spanischsprachig|spanish-speaking",
    "pt": r"lusophone|portugeestalige?|portugiesischsprachig|portuguese-speaking",
    "ru": r"russophone|russischtalige?|russischsprachig|russian-speaking",
}
_SPEAKER = re.compile(
    r"\b(?:" + "|".join(f"(?P<{code}>{p})" for code, p in _SPEAKER_OF.items()) + r")\b"
)
# The person's own level in a language: "mon français est très faible", "my French is basic".
_OWN = re.compile(r"\b(?:mon|my|mijn|mein)\s+(?:\w+\s+)?$")
_WEAK = re.compile(
    r"\b(?:peu|faible|mal|basique|pas bien|pas tres bien|basic|weak|little|poor|not good|"
    r"not very good|a bit|a bit of|bit of|wenig|bisschen|schlecht|beetje|niet goed|slecht|a1|a2|"
    r"inexistant|limite|rouille|rusty|limited|beperkt|begrenzt|gebrekkig|mauvais|bad|"
    r"debutant|beginner|"
    r"anfanger|some|nul|nulle|zero|quelques notions|enigszins|etwas|"
    # a difficulty said of the language: "Frans is moeilijk voor mij", "spreche ich kaum"
    r"moeilijk|difficile|dur|hard|difficult|schwer|schwierig|hesitant|hesitante|kaum|"
    r"nauwelijks|barely|hardly|approximatif|approximative|broken)\b|"
    r"\b(?:pas|niet|not|nicht) (?:tres |zo |so |very |sehr |erg )?(?:bien|goed|good|gut)\b"
)
_JOIN = re.compile(r"\b(?:et|and|en|und|ou|or|of|oder)\b")
# on the left of a name, "of" is English ("a bit of Dutch"), not Dutch "or"
_JOIN_LEFT = re.compile(r"\b(?:et|and|en|und|ou|or|oder)\b")
_SENTENCE = re.compile(r"[;:.!?\n]|\b(?:mais|but|maar|aber)\b")
_COMMA = re.compile(r"[,;.!?\n]|\b(?:mais|but|maar|aber)\b")
# a note's list of languages: "Langues : français, arabe", "Talen: Nederlands, Frans"
_LIST_KEY = re.compile(
    r"\b(?:langues?(?: parlees)?|talen|sprachen|languages?|parle|spreekt|spricht|speaks|"
    r"moedertaal|muttersprache|langue maternelle|mother tongue|native language)\s*:[^.;\n]*"
)
_COURSE = re.compile(
    r"\b(?:cours|apprendre|formation|course|learn|cursus|leren|les|kurs|lernen|kurse)\b"
    r"[^,;.!?]{0,12}$"
)


_ONLY = re.compile(r"\b(?:only|uniquement|seulement|enkel|alleen|nur)\b(?:\s+\w+){0,3}\s*$")
# improving one's own language: "améliorer mon néerlandais", "improve my English"
IMPROVE_OWN = re.compile(
    r"\b(?:ameliorer|ameliore|improve|improving|verbeteren|bijschaven|opfrissen|"
    r"verbessern|auffrischen|brush up|rafraichir)\s+(?:on\s+)?(?:mon|ma|my|mijn|mein|meine|"
    r"son|sa|her|his)\s+(?:\w+\s+)?(?:"
    + "|".join(sorted(_NAME_TO_CODE, key=len, reverse=True))
    + r")\b"
)


def _bounds(pattern: re.Pattern[str], folded: str, start: int, end: int) -> tuple[int, int]:
    left = max((m.end() for m in pattern.finditer(folded, 0, start)), default=0)
    right = next((m.start() for m in pattern.finditer(folded, end)), len(folded))
    return left, right


def languages_stated(
    folded: str, scopes: list[Scope], only: list[Span]
) -> tuple[frozenset[str], frozenset[str], list[Span]]:
    """(spoken, not spoken, spans read) from ``folded`` text, given its negation scopes and
    its "ne ... que" spans."""
    spoken: set[str] = set()
    unspoken: set[str] = set()
    spans: list[Span] = []
    names = [m for m in _NAME.finditer(folded)]
    for k, m in enumerate(names):
        code = _NAME_TO_CODE[m.group(1)]
        if m.group(1) == "nl" and not folded[max(0, m.start() - 4) : m.start()].strip():
            continue  # "nl" alone only after a word: "ne parle pas NL"
        s_left, s_right = _bounds(_SENTENCE, folded, m.start(), m.end())
        c_left, c_right = _bounds(_COMMA, folded, m.start(), m.end())
        # the words that qualify this name only: not those of its neighbours in a list
        seg_left = max(c_left, names[k - 1].end() if k else 0)
        seg_right = min(c_right, names[k + 1].start() if k + 1 < len(names) else len(folded))
        # a conjunction closes the words of one name: "l'allemand et très peu le français"
        joins = [j.start() for j in _JOIN.finditer(folded, m.end(), seg_right)]
        seg_right = min([seg_right, *joins])
        seg_left = max(
            [seg_left, *(j.end() for j in _JOIN_LEFT.finditer(folded, seg_left, m.start()))]
        )
        sentence, segment = folded[s_left:s_right], folded[seg_left:seg_right]
        before = folded[s_left : m.start()]
        speak = _SPEAK.search(sentence) is not None or any(
            k.start() < m.start() < k.end() for k in _LIST_KEY.finditer(folded)
        )
        own = _OWN.search(folded[c_left : m.start()]) is not None
        # "only English and Spanish", "enkel Nederlands", "nur Deutsch": spoken
        only_said = _ONLY.search(folded[c_left : m.start()]) is not None
        if _COURSE.search(before) and not _SPEAK.search(before):
            continue  # "des cours de néerlandais": the need, not a level
        in_only = any(a <= m.start() < b for a, b in only)
        scope = negated(m.span(), scopes)
        if scope is not None and len(folded[scope.cue[1] : m.start()].split()) <= 2:
            unspoken.add(code)  # "Kein Französisch.", "geen Frans"
            spans.append(m.span())
            continue
        if (speak or own or in_only) and (negated(m.span(), scopes) or _WEAK.search(segment)):
            unspoken.add(code)
        elif _WEAK.search(segment) and not _COURSE.search(segment):
            unspoken.add(code)  # "Nederlands pas A1", "français A2 seulement"
        elif speak or in_only or (only_said and not _COURSE.search(before)):
            spoken.add(code)
        else:
            continue
        spans.append(m.span())
    for m in _SPEAKER.finditer(folded):
        if m.lastgroup and negated(m.span(), scopes) is None:
            spoken.add(m.lastgroup)
            spans.append(m.span())
    return frozenset(spoken - unspoken), frozenset(unspoken), spans
