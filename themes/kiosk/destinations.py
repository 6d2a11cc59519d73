"""The countries a kiosk offers, with their names in each language (written for the kiosk, not transliterated).

Country guides name themselves for reading ("Working in Saudi Arabia"); a button needs the country's
own name. A code missing here is shown by its guide's title.
"""

from django.utils.translation import get_language

COUNTRY_NAMES = {
    "SA": {"en": "Saudi Arabia", "ur": "سعودی عرب", "pnb": "سعودی عرب"},
    "AE": {"en": "United Arab Emirates", "ur": "متحدہ عرب امارات", "pnb": "متحدہ عرب امارات"},
    "QA": {"en": "Qatar", "ur": "قطر", "pnb": "قطر"},
    "OM": {"en": "Oman", "ur": "عمان", "pnb": "عمان"},
    "KW": {"en": "Kuwait", "ur": "کویت", "pnb": "کویت"},
    "BH": {"en": "Bahrain", "ur": "بحرین", "pnb": "بحرین"},
    "MY": {"en": "Malaysia", "ur": "ملائیشیا", "pnb": "ملائیشیا"},
    "GB": {"en": "United Kingdom", "ur": "برطانیہ", "pnb": "برطانیہ"},
    "IT": {"en": "Italy", "ur": "اٹلی", "pnb": "اٹلی"},
    "GR": {"en": "Greece", "ur": "یونان", "pnb": "یونان"},
}


def country_name(code: str, fallback: str) -> str:
    """The country's name in the current language, else ``fallback`` (the guide's title)."""
    names = COUNTRY_NAMES.get(code.upper())
    if not names:
        return fallback
    return names.get(get_language() or "en", names["en"])
