"""Short-lived signed links to play one activity, the only authorisation the H5P origin knows.

The H5P origin (cms.h5p.origin) has no session and sets no cookie: its content pages are reached
through a token the site signs when a learner opens an activity (cms.h5p.site_views.launch)::

    token = player_token(content, "ur", "http://localhost:8000")
    grant = read_player_token(token)   # PlayerGrant(content_id, language, parent_origin), or None

The token names the content, the language to show and the origin of the page that frames the
player (so the player posts its results only there and may be framed only by it). It works for
settings.H5P_TOKEN_SECONDS.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing

SALT = "rahnuma.h5p.player"


@dataclass(frozen=True)
class PlayerGrant:
    content_id: int
    language: str
    parent_origin: str


def player_token(content, language: str, parent_origin: str) -> str:
    return signing.TimestampSigner(salt=SALT).sign_object({"c": content.pk, "l": language, "o": parent_origin})


def read_player_token(token: str) -> PlayerGrant | None:
    """The grant the token carries, or None when it is forged, damaged or expired."""
    try:
        data = signing.TimestampSigner(salt=SALT).unsign_object(token, max_age=settings.H5P_TOKEN_SECONDS)
        return PlayerGrant(int(data["c"]), str(data["l"]), str(data["o"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
