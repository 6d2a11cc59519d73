"""Which espeak-ng voice reads each language, and what it must be given to read it well.

- ``en``: espeak-ng's English voice.
- ``ur``: its Urdu voice, which reads Urdu's Perso-Arabic (Nastaliq) script.
- ``pnb`` (Punjabi in Shahmukhi): espeak-ng's Punjabi voice ``pa`` reads Gurmukhi only. Given
  Shahmukhi it spells every letter out by its English name ("arabic alif, arabic seen ..."),
  which nobody can follow. Shahmukhi is the Urdu alphabet with a few letters more, and spoken
  Punjabi shares most of its sounds and much of its vocabulary with Urdu, so the Urdu voice reads
  it understandably (checked on the Saudi Arabia pack's Punjabi text). The one Shahmukhi letter it
  does not know, noon with a small tah (retroflex nasal), is read as a plain noon, the nearest
  sound the Urdu voice has, instead of being spelt out.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Voice:
    espeak_name: str
    # Letters the voice cannot read, replaced by the nearest it can.
    substitutions: dict[str, str] = field(default_factory=dict)

    def prepare(self, text: str) -> str:
        for letter, replacement in self.substitutions.items():
            text = text.replace(letter, replacement)
        return text


VOICES = {
    "en": Voice("en"),
    "ur": Voice("ur"),
    "pnb": Voice("ur", substitutions={"\u0768": "\u0646"}),  # ݨ -> ن
}


def voice_for(language_code: str) -> Voice | None:
    """The voice for a page in ``language_code``, or None when no voice reads that language."""
    return VOICES.get(language_code)
