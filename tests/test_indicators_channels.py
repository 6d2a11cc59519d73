"""The channel a course completion counts under: kiosk host, a changemaker's session, or home."""

from datetime import timedelta

import pytest
from django.test import RequestFactory, override_settings
from django.utils import timezone

from cms.centres.demographics import Channel
from cms.learning.channels import OUTREACH_SESSION_KEY, channel_of
from cms.learning.forgetting import forget_idle_learners
from cms.learning.models import CourseCompletion, Learner, LearningTally
from tests.learning_helpers import CONTRACT_RIGHT, CONTRACT_URL, post_quiz


def request_to(host, session=None):
    request = RequestFactory().get("/", HTTP_HOST=host)
    request.session = session or {}
    return request


@override_settings(RAHNUMA_KIOSK_HOSTS=["kiosk.localhost"], ALLOWED_HOSTS=["*"])
def test_channel_of_a_request():
    assert channel_of(request_to("kiosk.localhost")) == Channel.KIOSK
    assert channel_of(request_to("kiosk.localhost", {OUTREACH_SESSION_KEY: "x"})) == Channel.KIOSK
    assert channel_of(request_to("localhost", {OUTREACH_SESSION_KEY: "x"})) == Channel.CHANGEMAKER
    assert channel_of(request_to("localhost")) == Channel.HOME


@pytest.mark.parametrize(("in_session", "channel"), [(False, "home"), (True, "changemaker")])
def test_a_completion_records_the_channel_it_came_through(client, course, in_session, channel):
    if in_session:
        session = client.session
        session[OUTREACH_SESSION_KEY] = "5b0c8c1e-0000-4000-8000-000000000000"
        session.save()
    post_quiz(client, CONTRACT_URL.format(language="en"), CONTRACT_RIGHT)
    assert CourseCompletion.objects.get().channel == channel


def test_forgotten_learners_completions_are_tallied_by_channel(site):
    long_ago = timezone.now() - timedelta(days=400)
    for channel in ("kiosk", "kiosk", "changemaker"):
        learner = Learner.objects.create(last_seen_at=long_ago)
        CourseCompletion.objects.create(
            learner=learner,
            pack_id="p",
            course_key="c",
            language="en",
            site=site,
            channel=channel,
            completed_at=long_ago,
        )
    forget_idle_learners(days=180)
    assert not CourseCompletion.objects.exists()
    tallied = {tally.channel: tally.completions for tally in LearningTally.objects.all()}
    assert tallied == {"kiosk": 2, "changemaker": 1}
