"""Speech from text: espeak-ng (Debian's package) speaks, LAME (Debian's ``lame``) compresses.

The format is MP3, mono, 16 kHz, 24 kbit/s: every phone's browser plays MP3, the cheapest and
oldest Androids and every iPhone included, while Opus in Ogg, smaller at the same quality, plays on
iPhones only with recent iOS versions, which many learners' second-hand phones do not have. Speech
needs little above 8 kHz, so 16 kHz loses nothing that matters, and 24 kbit/s keeps a minute of
speech to about 180 KB for a phone on a slow, prepaid connection. ENCODING names these choices: it is part
of each file's hash, so changing them makes every file again.

Both programs get the text and the sound through files in a temporary folder (never the command
line, whose length is limited and where text could pass for an option) and each has
TIMEOUT_SECONDS to finish. Any failure, a missing program included, raises SynthesisError.
"""

import subprocess
import tempfile
from pathlib import Path

ESPEAK = "espeak-ng"
LAME = "lame"
WORDS_PER_MINUTE = 150  # espeak-ng's default is 175: slower is easier to follow for new readers
ENCODING = f"espeak-ng {WORDS_PER_MINUTE} wpm; mp3 mono 16 kHz 24 kbit/s"
TIMEOUT_SECONDS = 60


class SynthesisError(Exception):
    """Speech could not be made; the message says which program failed and how."""


def synthesise_mp3(text: str, espeak_voice: str) -> bytes:
    """``text`` spoken by the espeak-ng voice ``espeak_voice``, as MP3 bytes."""
    with tempfile.TemporaryDirectory(prefix="rahnuma-read-aloud-") as folder:
        text_file, wave_file, mp3_file = (Path(folder) / name for name in ("text.txt", "speech.wav", "speech.mp3"))
        text_file.write_text(text, encoding="utf-8")
        # -b 1: the text is UTF-8.
        _run([ESPEAK, "-b", "1", "-v", espeak_voice, "-s", str(WORDS_PER_MINUTE), "-f", text_file, "-w", wave_file])
        _run([LAME, "--quiet", "-m", "m", "--resample", "16", "-b", "24", "-q", "7", wave_file, mp3_file])
        return mp3_file.read_bytes()


def _run(command: list):
    try:
        subprocess.run(command, check=True, capture_output=True, timeout=TIMEOUT_SECONDS)
    except FileNotFoundError as error:
        raise SynthesisError(f"{command[0]} is not installed (sh scripts/ensure_debian_tools.sh)") from error
    except subprocess.TimeoutExpired as error:
        raise SynthesisError(f"{command[0]} took longer than {TIMEOUT_SECONDS} s") from error
    except subprocess.CalledProcessError as error:
        output = error.stderr.decode(errors="replace").strip()[-500:]
        raise SynthesisError(f"{command[0]} failed with exit status {error.returncode}: {output}") from error
