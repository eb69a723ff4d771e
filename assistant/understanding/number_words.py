"""Numbers written as words, 11 to 79, in French, Dutch, English and German: "cinquante-deux",
"vingt et un", "tweeënvijftig", "fifty-two", "zweiundfünfzig" (folded: no accents, lower
case). An age is as often written out as in digits; :data:`NUMBER_WORDS` maps each form to its
value and :data:`NUMBER` finds them."""

from __future__ import annotations

import re

_FR_UNITS = ["", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"]
_FR_TEENS = {
    11: "onze",
    12: "douze",
    13: "treize",
    14: "quatorze",
    15: "quinze",
    16: "seize",
    17: "dix-sept",
    18: "dix-huit",
    19: "dix-neuf",
}
_FR_TENS = {20: "vingt", 30: "trente", 40: "quarante", 50: "cinquante", 60: "soixante"}
_EN_UNITS = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_EN_TEENS = {
    11: "eleven",
    12: "twelve",
    13: "thirteen",
    14: "fourteen",
    15: "fifteen",
    16: "sixteen",
    17: "seventeen",
    18: "eighteen",
    19: "nineteen",
}
_EN_TENS = {20: "twenty", 30: "thirty", 40: "forty", 50: "fifty", 60: "sixty", 70: "seventy"}
_NL_UNITS = ["", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen"]
_NL_TEENS = {
    11: "elf",
    12: "twaalf",
    13: "dertien",
    14: "veertien",
    15: "vijftien",
    16: "zestien",
    17: "zeventien",
    18: "achttien",
    19: "negentien",
}
_NL_TENS = {20: "twintig", 30: "dertig", 40: "veertig", 50: "vijftig", 60: "zestig", 70: "zeventig"}
_DE_UNITS = ["", "ein", "zwei", "drei", "vier", "funf", "sechs", "sieben", "acht", "neun"]
_DE_TEENS = {
    11: "elf",
    12: "zwolf",
    13: "dreizehn",
    14: "vierzehn",
    15: "funfzehn",
    16: "sechzehn",
    17: "siebzehn",
    18: "achtzehn",
    19: "neunzehn",
}
_DE_TENS = {
    20: "zwanzig",
    30: "dreissig",
    40: "vierzig",
    50: "funfzig",
    60: "sechzig",
    70: "siebzig",
}


def _forms() -> dict[str, int]:
    out: dict[str, int] = {}
    for teens in (_FR_TEENS, _EN_TEENS, _NL_TEENS, _DE_TEENS):
        out.update({word: n for n, word in teens.items()})
    for tens, word in _FR_TENS.items():
        out[word] = tens
        out[f"{word} et un"] = out[f"{word}-et-un"] = tens + 1
        for u in range(2, 10):
            out[f"{word}-{_FR_UNITS[u]}"] = out[f"{word} {_FR_UNITS[u]}"] = tens + u
    for tens, word in _EN_TENS.items():
        out[word] = tens
        for u in range(1, 10):
            out[f"{word}-{_EN_UNITS[u]}"] = out[f"{word} {_EN_UNITS[u]}"] = tens + u
    for tens, word in _NL_TENS.items():
        out[word] = tens
        for u in range(1, 10):
            # "eenentwintig", "tweeentwintig" (the ë of "tweeëntwintig" folded)
            out[f"{_NL_UNITS[u]}en{word}"] = tens + u
    for tens, word in _DE_TENS.items():
        out[word] = tens
        for u in range(1, 10):
            out[f"{_DE_UNITS[u]}und{word}"] = tens + u
    return out


NUMBER_WORDS = _forms()
_ALTERNATIVES = "|".join(sorted(map(re.escape, NUMBER_WORDS), key=len, reverse=True))
NUMBER = f"(?:{_ALTERNATIVES})"  # a pattern piece, for a group of the caller's
