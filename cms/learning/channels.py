"""The channel a learner came through, for the indicators' "completions by channel".

A kiosk host (cms.learning.kiosk) is the centre's kiosk; a browser that opened a changemaker's
referral slip or joined a session's check on a shared phone carries that session in its session
(set by cms.outreach), so what it completes counts for the changemaker; anything else is home.
"""

from cms.centres.demographics import Channel
from cms.learning.kiosk import kiosk_timings

OUTREACH_SESSION_KEY = "rahnuma_outreach_session"  # the outreach session's public_id, as a string


def channel_of(request) -> Channel:
    if kiosk_timings(request) is not None:
        return Channel.KIOSK
    if request.session.get(OUTREACH_SESSION_KEY):
        return Channel.CHANGEMAKER
    return Channel.HOME
