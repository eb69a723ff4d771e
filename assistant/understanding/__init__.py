"""Understanding: reading a person's own words into a :class:`Profile`.

``parser`` finds the cues (place, mobility, time, format, levels, certification, status) and
keeps the words each field was read from; ``occupations`` tells the job held from the job
wanted (ESCO/ROME lexicon in ``data/``); ``profile`` is the plain result. Imports ``corpus``
only: never guidance, the dialogue or the console.
"""

from __future__ import annotations

from assistant.understanding.occupations import OccupationLexicon, default_lexicon
from assistant.understanding.parser import ProfileParser, detect_language
from assistant.understanding.profile import DigitalLevel, PlaceRef, Profile

__all__ = [
    "DigitalLevel",
    "OccupationLexicon",
    "PlaceRef",
    "Profile",
    "ProfileParser",
    "default_lexicon",
    "detect_language",
]
