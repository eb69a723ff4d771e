"""Misspelt words read as the known words closest to them."""

from __future__ import annotations

from assistant.understanding.spelling import Speller, apply, to_original


def test_corrects_close_words_of_the_same_first_letter() -> None:
    speller = Speller(["comptabilité", "soudure", "électricien", "menuisier"])
    text = "je veux faire de la conptabilite ou de la soudur, pas menuisiere"
    fixes = {c.written: c.known for c in speller.corrections(text)}
    assert fixes == {"conptabilite": "comptabilité"}
    # "soudur" / "soudure", "menuisiere" / "menuisier": one starts the other, so it may be
    # another form of the word rather than a typo; left as written
    assert "menuisiere" not in fixes


def test_short_unknown_and_ambiguous_words_are_left_alone() -> None:
    speller = Speller(["carreleur", "carrossier", "plombier"])
    assert speller.corrections("un plombiet") and speller.corrections("un plombiet")[0].known == (
        "plombier"
    )
    assert speller.corrections("carrolier") == []  # as close to two words: no guess
    assert speller.corrections("bus") == []
    assert speller.corrections("xylophone") == []


def test_spans_of_the_corrected_text_map_back() -> None:
    speller = Speller(["nettoyage", "industriel"])
    text = "cours de netoyage industrel ici"
    fixes = speller.corrections(text)
    fixed, table = apply(text, fixes)
    assert fixed == "cours de nettoyage industriel ici"
    start = fixed.index("ici")
    assert to_original(start, fixes, table) == text.index("ici")
    assert to_original(fixed.index("nettoyage"), fixes, table) == text.index("netoyage")
    assert to_original(0, fixes, table) == 0


def test_the_parser_reads_occupations_and_topic_from_corrected_words() -> None:
    from assistant.services import profile_parser

    profile = profile_parser().parse("je voudrais devenir plombiet")
    assert profile.goals and "Plombier" in profile.goals[0]
    assert "plombiet plombier" in profile.topic  # both: a wrong guess costs nothing
    assert profile.evidence["spelling"] == "plombiet → plombier"


def test_a_misspelt_cue_word_is_read_as_the_cue() -> None:
    from assistant.understanding import ProfileParser

    parser = ProfileParser()
    assert parser.parse("Ik heb geen rijbewjis").has_car is False
    assert parser.parse("aucune experiance en comptabilité").domain_level == "none"
    profile = parser.parse("je conais les bases d'Excel")
    assert profile.domain_level == "basic"
    assert "conais → connais" in profile.evidence["spelling"]


def test_two_forms_of_one_word_are_not_a_misspelling_of_a_cue() -> None:
    from assistant.understanding import ProfileParser

    parser = ProfileParser()
    assert "woman" not in parser.parse("Refugee from Syria, 30.").statuses


def test_a_word_of_the_message_language_is_never_corrected() -> None:
    speller = Speller(["fraiseur", "administrative", "comptabilité"])
    # German "Friseur" is a word of German, not a misspelt French "fraiseur"
    assert speller.corrections("Ich möchte Friseur werden", "de") == []
    assert speller.corrections("Ik wil een administratieve opleiding", "nl") == []
    # without the language, the closest known word wins (as before)
    assert [c.known for c in speller.corrections("Ich möchte Friseur werden")] == ["fraiseur"]
    # a real misspelling of the message's language is still read
    assert [c.known for c in speller.corrections("je veux la conptabilite", "fr")] == [
        "comptabilité"
    ]


def test_a_proper_name_is_never_corrected() -> None:
    speller = Speller(["delicatesse"])
    # capitalised inside a sentence: a name (a shop, a firm), kept as written
    assert speller.corrections("j'ai travaillé chez Delicatese", "fr") == []
    # at the start of a sentence, a capital says nothing
    assert [c.known for c in speller.corrections("Delicatese, je veux apprendre", "fr")] == [
        "delicatesse"
    ]


def test_is_word_reads_each_language_word_list() -> None:
    from assistant.understanding.spelling import is_word

    assert is_word("Friseur", "de") and not is_word("Friseur", "fr")
    assert is_word("boekhouding", "nl") and not is_word("boekhouding", "en")
    assert not is_word("comptabiliter", "fr")


def test_the_parser_keeps_a_german_job_as_written() -> None:
    from assistant.understanding import ProfileParser

    parser = ProfileParser(vocabulary=["fraiseur"])
    profile = parser.parse("Ich möchte Friseur werden.")
    assert "fraiseur" not in profile.topic.lower() and "spelling" not in profile.evidence


def test_the_word_sets_say_what_wordfreq_frequencies_say() -> None:
    from wordfreq import zipf_frequency

    from assistant.understanding.spelling import MIN_ZIPF, is_word
    from corpus.text import fold

    # common words, rarer ones near the threshold, accents dropped or doubled, capitals,
    # misspellings and an elision, in each language
    words = {
        "fr": ["menuisier", "Électricienne", "electricienne", "soudeur", "ébéniste", "ebeniste",
               "magasinier", "plafonneur", "carreleuse", "formasion", "aujourd'hui", "xyzzyq"],
        "nl": ["lasser", "Verpleegkundige", "schrijnwerker", "vrachtwagenchauffeur", "boekhoudinng",
               "stukadoor", "tegelzetter", "loodgieter"],
        "en": ["welder", "Plumber", "bricklayer", "upholsterer", "accountting", "plasterer",
               "glazier", "résumé", "resume"],
        "de": ["Schweißer", "Schweisser", "Fliesenleger", "Straße", "Buchhaltterin", "Tischler",
               "Stuckateur", "Glaser"],
    }  # fmt: skip
    for language, sample in words.items():
        for word in sample:
            frequency = max(zipf_frequency(word, language), zipf_frequency(fold(word), language))
            assert is_word(word, language) == (frequency >= MIN_ZIPF), (language, word)


def test_reading_the_word_sets_fills_none_of_wordfreqs_caches() -> None:
    import wordfreq

    from assistant.understanding.spelling import _read_frequent

    before = wordfreq.get_frequency_dict.cache_info().currsize
    listed = wordfreq.get_frequency_list.cache_info().currsize
    words = _read_frequent("nl")
    assert "opleiding" in words and "boekhoudinng" not in words
    assert wordfreq.get_frequency_dict.cache_info().currsize == before
    assert wordfreq.get_frequency_list.cache_info().currsize == listed
