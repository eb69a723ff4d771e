"""The person's computer use (the digital level) read with its negation: "je n'ai jamais utilisé
un ordinateur" is none, "je me débrouille un peu avec l'ordi" basic, "à l'aise sur un PC"
comfortable, "informaticien" professional; "pas d'ordinateur à la maison" is no computer.
Part of :func:`~assistant.understanding.conditions.read_conditions`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.understanding.cues import clause, rx
from assistant.understanding.mobility import HAVE
from assistant.understanding.negation import Scope, negated

if TYPE_CHECKING:
    from assistant.understanding.conditions import Conditions

Span = tuple[int, int]

COMPUTER = re.compile(
    r"\b(?:ordinateur|ordi|pc|computer|computern|computers|komputer|computor|clavier|keyboard|"
    r"toetsenbord|tastatur|informatique|info|informatica|internet|numerique)\b"
)
_USE = re.compile(
    r"\b(?:utilise|utiliser|utilisee|touche|allume|pratique|use|used|using|gebruikt|gebruiken|"
    r"gewerkt|ervaring|benutzt|genutzt|erfahrung|experience|eu|servir|kenntnisse|connais|sais|"
    r"know|weet|ahnung|kenne|truc|thing|werken|work|travailler|arbeiten|good|bon|bonne|goed|"
    r"gut|aise|doue|forte?|skills|kenntnisse|niveau|level)\b|\bpc-\w+"
)
_ADJECTIVES = frozenset({"informatique", "info", "numerique", "informatica"})
# a noun right before: "sécurité informatique", "maintenance informatique"
_ADJECTIVE = re.compile(
    r"\b(?!(?:a|l|la|le|les|en|de|d|du|un|une|avec|sur|pas|rien)\b)[a-z]{3,}\s+$"
)
_AT_ALL = re.compile(r"\b(?:du tout|at all|helemaal|gar nicht|jamais|never|truc|thing)\b")
_NIL = re.compile(
    r"\b(?:niveau )?(?:info|informatique|pc|numerique) (?:nul|zero|0)\b|"
    r"\b(?:ordinateur|informatique|pc|computer|numerique)(?: skills| kenntnisse)?\s*:\s*"
    r"(?:debutante?|beginner|anfanger(?:in)?|nul|nulle|zero)\b|"
    r"\b(?:nul|nulle|zero) (?:en|avec|sur) (?:l')?(?:informatique|info|ordi|ordinateur|pc)\b"
)
_HOME = re.compile(r"\b(?:a la maison|chez moi|at home|thuis|zu hause|zuhause)\b")
BASIC_DIGITAL = rx(
    r"\bun peu (?:l'|d'|de l')?(?:ordi|ordinateur|informatique|pc)",
    r"\butilise (?:un peu )?l'(?:ordi|ordinateur)\b[^.]{0,40}\b(?:mails?|facebook|internet)",
    r"\bpeu sur (?:le |un )?pc",
    r"je me debrouille (?:un peu )?(?:avec|sur) (?:l'|un )?(?:ordi|ordinateur|pc|internet)",
    r"\bbasic computer",
    r"\bme sers (?:d'|de l')(?:internet|ordi|ordinateur)",
    r"\b(?:ordinateur|informatique|pc|computer|numerique)(?: skills| kenntnisse)?\s*:\s*"
    r"(?:bonnes bases|bases|basique|basic|basis|grundkenntnisse|moyen|gemiddeld)",
    r"\b(?:only|juste|seulement|alleen|nur) (?:use |mon |my |mijn |mein |le |de |das )*"
    r"(?:smartphone|gsm|telephone|phone|handy)",
    r"\b(?:lire|envoyer|ecrire) (?:mes |des )?(?:e-?)?mails",
    r"\b(?:basis|wat) computerkennis",
    r"\bje (?:sais|sai) (?:aller|naviguer) sur internet",
    r"\b(?:je me sers|jme sers|j'utilise|i use|ik gebruik|ich benutze|ich nutze) "
    r"(?:(?:de|d'|mon|ma|my|mijn|mein|meine|le|la) ?){0,2}(?:smartphone|gsm|telephone|phone|handy|"
    r"tablette|tablet|facebook|whatsapp|internet|mails?)",
    r"\bgrundkenntnisse",
)
COMFORTABLE_DIGITAL = rx(
    r"\ba l'?aise (?:avec|sur|en) (?:l'|un |le )?(?:ordi|ordinateur|pc|informatique|info|"
    r"numerique|computers?)",
    r"\bje me debrouille bien",
    r"\bmaitrise (?:tres |bien |tres bien |parfaitement )*(?:l'|un |les |l'outil |les outils )?"
    r"(?:ordi|ordinateur|pc|informatique|informatiques|word|excel|outlook)",
    r"\bmaitrise \w+/\w+",
    r"\bexcel (?:avance|expert)",
    r"\bgute (?:pc|computer)",
    r"\bcomfortable with (?:computers|it|pcs?)",
    r"\bgoede computerkennis",
    r"\b(?:goed|vlot) (?:met|op) (?:de |een )?computer",
    r"\bgood (?:with|at) computers",
    r"\bmit (?:dem |den )?computern? gut\b|\bgut mit (?:dem |den )?computern?",
    r"\b(?:bon|bonne|doue|douee) en informatique",
    r"\bsais (?:bien )?utiliser (?:word|excel|outlook|powerpoint)",
    r"\b(?:ordinateur|informatique|pc|computer|numerique)(?: skills| kenntnisse)?\s*:\s*"
    r"(?:bon|bonne|bien|goed|gut|good|avance|advanced|expert|correct)\b",
    r"\bvlot met de computer",
    # daily use: "j'utilise Excel tous les jours", "I use a computer every day at work"
    r"\b(?:utilise|use|gebruik|benutze|nutze) (?:l'|\w+ )?(?:ordinateur|ordi|pc|computer|word|"
    r"excel|outlook|internet)\b[^.;!?]{0,20}\b(?:tous les jours|au quotidien|every day|daily|"
    r"dagelijks|elke dag|taglich|jeden tag)\b",
)
PROFESSIONAL_DIGITAL = rx(
    r"\binformaticien",
    r"\btechnici\w* (?:reseau|pc|informatique|it|helpdesk)",
    r"\bsoftware (?:developer|engineer)",
    r"\b(?:developpeur|developer|programmeur|programmer|sysadmin|administrateur systeme)",
    r"\bit (?:support|technician)",
    r"\bnetwerkbeheerder",
)
_GOAL_CLAUSE = re.compile(
    r"\b(?:devenir|deviens|become|worden|werden|veux|voudrais|want|wil|mochte|vise|aimerais|"
    r"apprendre|learn|leren|lernen)\b"
)


# The computer (or the internet) as the object of an ability.
_A_COMPUTER = (
    r"(?:un |une |l'|le |la |les |a |the |een |de |dem |den |einen |einem |mijn |my |mon )?"
    r"(?:ordinateur|ordi|pc|computers?|computern|laptop|internet|outils? informatiques?)"
)
# An ability to use a computer, in the four languages: "je sais (déjà) me servir d'un
# ordinateur", "sait utiliser un PC", "I can use a computer", "I'm ok with computers", "ik kan
# met de computer werken", "ich kann mit dem Computer umgehen", "mit dem Computer komme ich
# zurecht". Its degree is read after it (:data:`_WELL`).
ABLE_DIGITAL = rx(
    r"\b(?:sais|sait|sai|jsais|jsai|jse|peux|peut|jpeux|arrive a)\s+"
    r"(?:deja\s+|bien\s+|tres bien\s+|aussi\s+)*"
    r"(?:me |m'|se |s')?(?:servir\s+d[eu']\s*|utiliser\s+|travailler\s+(?:sur|avec)\s+)"
    + _A_COMPUTER,
    # "je me sers (déjà très bien) d'un ordinateur", "il se sert de l'ordi"
    r"\b(?:me|se)\s+sers?t?\s+(?:deja\s+|bien\s+|tres\s+|aussi\s+|sans probleme\s+)*d[eu']\s*"
    + _A_COMPUTER,
    r"\b(?:can|could|know how to)\s+(?:already\s+|also\s+)?use\s+" + _A_COMPUTER,
    r"\b(?:i'?m|i am)\s+(?:ok|okay|fine|good|handy|confident)\s+(?:with|on|at|using)\s+"
    + _A_COMPUTER,
    r"\bcomputer[- ]literate\b",
    r"\bkan\s+(?:al\s+|ook\s+|goed\s+|vlot\s+|prima\s+)*(?:met\s+"
    + _A_COMPUTER
    + r"\s+(?:werken|omgaan|overweg)|"
    + _A_COMPUTER
    + r"\s+gebruiken|overweg\s+met\s+"
    + _A_COMPUTER
    + r")",
    r"\bkann\s+(?:schon\s+|auch\s+|gut\s+|problemlos\s+|sehr gut\s+)*(?:mit\s+"
    + _A_COMPUTER
    + r"\s+umgehen|"
    + _A_COMPUTER
    + r"\s+(?:bedienen|benutzen|nutzen))",
    r"\bmit\s+" + _A_COMPUTER + r"\s+(?:komme ich|kenne ich mich)\s+(?:\w+\s+)?(?:zurecht|aus)",
    r"\bkomme\s+(?:\w+\s+)?mit\s+" + _A_COMPUTER + r"\s+(?:\w+\s+)?zurecht",
)
# The degree of an ability, inside it or right after it: "sans problème", "fine", "vlot", "gut".
_WELL = re.compile(
    r"\b(?:bien|tres bien|sans (?:probleme|souci|difficulte)s?|pas de (?:souci|probleme)s?|"
    r"facilement|aisement|couramment|fine|well|easily|without (?:any )?problems?|no problem|"
    r"ok|okay|good|confident|goed|vlot|prima|zonder problemen|gut|problemlos|sehr gut)\b"
)


def _ability(folded: str, scopes: list[Scope]) -> tuple[str, Span] | None:
    """The level an ability to use a computer states (comfortable when said with a degree,
    else basic), and its span with the degree words."""
    for m in ABLE_DIGITAL.finditer(folded):
        if negated(m.span(), scopes) or _GOAL_CLAUSE.search(clause(folded, m.start(), m.end())):
            continue  # "I can't use...", "je voudrais savoir utiliser...": a need
        end = m.end()
        after = folded[end : end + 25]
        stop = re.search(r"[.;!?\n]", after)
        well = _WELL.search(after[: stop.start()] if stop else after)
        if well is not None:
            end += well.end()
        level = "comfortable" if well is not None or _WELL.search(m[0]) else "basic"
        return level, (m.start(), end)
    return None


def read_computer(folded: str, scopes: list[Scope], c: Conditions) -> None:
    for m in COMPUTER.finditer(folded):
        scope = negated(m.span(), scopes)
        if scope is None or (m[0] in _ADJECTIVES and _ADJECTIVE.search(folded[: m.start()])):
            continue  # "la sécurité informatique": a field, not the computer
        phrase = folded[scope.span[0] : scope.span[1]]
        verb = folded[max(0, scope.cue[0] - 25) : scope.span[1]]  # "ne connais rien à l'ordi"
        if scope.kind == "never" or _USE.search(verb) or "nul" in phrase:
            c.digital_level = "none"
            c.spans["digital_level"] = scope.span
            return
        if _HOME.search(phrase) or HAVE.search(folded[max(0, scope.cue[0] - 12) : scope.cue[0]]):
            c.has_computer = False
            c.spans["has_computer"] = scope.span
    # "je c pas l'utilisé du tout": the use is negated, the computer named just before
    for scope in scopes:
        phrase = folded[scope.span[0] : scope.span[1]]
        sentence_start = max(folded.rfind(".", 0, scope.cue[0]), 0)
        if (
            _USE.search(phrase)
            and COMPUTER.search(folded[sentence_start : scope.span[1]])
            and _AT_ALL.search(phrase)
        ):
            c.digital_level = "none"
            c.spans["digital_level"] = scope.span
            return
    if nil := _NIL.search(folded):
        c.digital_level = "none"
        c.spans["digital_level"] = nil.span()
        return
    for pattern, level in (
        (PROFESSIONAL_DIGITAL, "professional"),
        (COMFORTABLE_DIGITAL, "comfortable"),
        (ABLE_DIGITAL, ""),
        (BASIC_DIGITAL, "basic"),
    ):
        found = _ability(folded, scopes) if pattern is ABLE_DIGITAL else None
        if found is not None:
            _skill(folded, c, *found)
            _every_statement(folded, scopes, c)
            return
        for m in pattern.finditer(folded):
            if not level or negated(m.span(), scopes):
                continue
            if level == "professional" and _GOAL_CLAUSE.search(clause(folded, m.start(), m.end())):
                continue  # "devenir développeur": a goal, not a skill
            _skill(folded, c, level, m.span())
            if level != "professional":
                _every_statement(folded, scopes, c)
            return


def _every_statement(folded: str, scopes: list[Scope], c: Conditions) -> None:
    """Every other statement of computer use leaves the topic too ("je me sers très bien d'un
    ordinateur et je sais utiliser un PC"): each says what the person can do, none a need."""
    for pattern in (COMFORTABLE_DIGITAL, ABLE_DIGITAL, BASIC_DIGITAL):
        for m in pattern.finditer(folded):
            if negated(m.span(), scopes) or _GOAL_CLAUSE.search(clause(folded, *m.span())):
                continue
            if m.span() not in c.matched:
                c.matched.append(m.span())


def _skill(folded: str, c: Conditions, level: str, span: Span) -> None:
    """Computer skills stated: the level, and the words out of the topic ("je sais déjà me
    servir d'un ordinateur" is no need for a computer course), unless said of a goal ("je
    voudrais savoir lire mes mails") or of a job held ("informaticien")."""
    c.digital_level = level
    c.spans["digital_level"] = span
    if level != "professional" and not _GOAL_CLAUSE.search(clause(folded, *span)):
        c.matched.append(span)
