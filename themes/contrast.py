"""Colour contrast as WCAG 2.2 defines it (success criteria 1.4.3 and 1.4.11)."""

# AA: normal text needs 4.5:1 against its background; large text and user-interface parts need 3:1.
TEXT_CONTRAST = 4.5
NON_TEXT_CONTRAST = 3.0


def relative_luminance(hex_colour: str) -> float:
    """The relative luminance of ``#rrggbb``, from 0 (black) to 1 (white)."""
    channels = [int(hex_colour[index : index + 2], 16) / 255 for index in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """From 1 (the same) to 21 (black on white); the order of the colours does not matter."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
