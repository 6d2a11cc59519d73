"""The web theme: phone-first templates and styles."""
