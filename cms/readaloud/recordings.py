"""What an editor's recording must be: a sound file every phone plays, of a bounded size.

The extension must match the content (checked by the file's first bytes), so a file named
``.mp3`` that is something else is refused with the file's name in the message.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_RECORDING_BYTES = 20 * 1024 * 1024  # half an hour of speech at a phone recorder's 96 kbit/s


def _is_mp3(head: bytes) -> bool:
    # An ID3 tag, or straight away an MPEG audio frame (11 sync bits set).
    return head.startswith(b"ID3") or (len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0)


def _is_ogg(head: bytes) -> bool:
    return head.startswith(b"OggS")


def _is_mp4_audio(head: bytes) -> bool:
    return head[4:8] == b"ftyp"


# Extension -> what its content starts with. AAC in MP4 (.m4a) is what phones record.
RECORDING_FORMATS = {"mp3": _is_mp3, "m4a": _is_mp4_audio, "ogg": _is_ogg, "opus": _is_ogg}


def validate_recording(file):
    """Refuse a file that is too large, of another type, or whose content does not match its extension."""
    name = file.name.rsplit("/", 1)[-1]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in RECORDING_FORMATS:
        raise ValidationError(
            _("%(name)s: a recording must be an MP3, M4A, OGG or OPUS file."), params={"name": name}, code="type"
        )
    if file.size > MAX_RECORDING_BYTES:
        raise ValidationError(
            _("%(name)s: a recording may be at most %(megabytes)d MB."),
            params={"name": name, "megabytes": MAX_RECORDING_BYTES // (1024 * 1024)},
            code="size",
        )
    file.seek(0)
    head = file.read(12)
    file.seek(0)
    if not RECORDING_FORMATS[extension](head):
        raise ValidationError(
            _("%(name)s: its content is not %(extension)s audio."),
            params={"name": name, "extension": extension.upper()},
            code="content",
        )
