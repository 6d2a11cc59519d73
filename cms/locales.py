"""The languages the engine publishes in.

Kept free of Django imports so that the course-pack validator (which runs without Django)
and the settings read the same table.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str
    english_name: str
    native_name: str
    bidi: bool


LANGUAGES = (
    Language("en", "English", "English", bidi=False),
    Language("ur", "Urdu", "اردو", bidi=True),
    # Punjabi in Shahmukhi script. Django has no entry for it (its "pa" is Gurmukhi), so the
    # settings register it; "pnb" is the ISO 639-3 code of Western (Shahmukhi) Punjabi.
    Language("pnb", "Punjabi (Shahmukhi)", "پنجابی", bidi=True),
)

LANGUAGE_CODES = tuple(language.code for language in LANGUAGES)
BIDI_LANGUAGE_CODES = tuple(language.code for language in LANGUAGES if language.bidi)
