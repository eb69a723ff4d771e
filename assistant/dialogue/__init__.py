"""Dialogue: the jobseeker's chat, one turn at a time.

``turns`` runs a turn (:class:`Dialogue`); ``reading`` tells a message's intent from its words
(``words``, ``cues``, ``lexicon``); ``questions`` picks the one question to ask; ``amend``
applies the "what was understood" form; ``text`` renders replies from ``templates/``;
``conversations`` keeps the state between turns. Imports understanding and guidance.
"""
