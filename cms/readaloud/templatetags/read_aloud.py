from django import template

from cms.readaloud.playback import audio_url

register = template.Library()


@register.inclusion_tag("readaloud/listen.html")
def listen_button(page):
    """The page's listen button: a native audio player (no JavaScript), or nothing when the page has no audio."""
    return {"audio_url": audio_url(page)}
