"""xAPI statements from the player: validated, normalised, stored, and turned into attempts.

The browser computes H5P scores, so nothing in a statement is trusted: the verb must be one H5P
sends, the object must be this activity (or one of its sub-contents), scores must be finite and
within their bounds, and for the project's own content types the maximum must be the one the
content really has (a forged score above the maximum is refused). The statement is then rebuilt
from the accepted parts (``normalise``): a server id and timestamp, the learner as an account
actor (no name, no e-mail), and one registration per attempt, as xAPI 1.0.3 wants::

    outcome = record_statement(learner, activity, "ur", statement)
    outcome.attempt.score_raw, outcome.passed

Attempts follow Moodle's model: a statement about the activity itself with a result closes the
learner's open attempt with its score, completion, success and duration; results about a
sub-content (context parent = the activity) become QuestionResult rows of the open attempt.
Results in every language count for the same activity: the activity IRI does not name a language.
"""

import math
import re
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cms.h5p.models import Attempt, LessonActivity, OutboxEntry, QuestionResult, Statement

XAPI_VERSION = "1.0.3"
ADL = "http://adlnet.gov/expapi/verbs/"
ALLOWED_VERBS = {
    f"{ADL}{verb}"
    for verb in ("attempted", "interacted", "answered", "completed", "passed", "failed", "progressed", "experienced")
}
MAX_SCORE = 10_000
MAX_TEXT = 1_000
DURATION = re.compile(r"^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$")
SUB_CONTENT = "?subContentId="
INTERACTION_TYPES = {
    "true-false", "choice", "fill-in", "long-fill-in", "matching", "performance", "sequencing", "likert",
    "numeric", "other",
}  # fmt: skip


class StatementRefused(Exception):
    """The statement breaks a rule; ``field`` names the part that does."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Outcome:
    statement: Statement
    attempt: Attempt
    finished: bool  # this statement closed the attempt with its result
    passed: bool  # the attempt reached the lesson's pass mark


def expected_max_score(content) -> float | None:
    """The maximum score of the project's own content types, known from their parameters; None for others."""
    machine_name = content.main_library.machine_name
    if machine_name in ("Rahnuma.TrueFalseQuestion", "Rahnuma.SingleChoiceQuestion"):
        return 1
    if machine_name == "Rahnuma.FlipCards":
        return len(content.parameters.get("cards", []))
    return None


def _number(value, field) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise StatementRefused(field, "must be a number")
    if abs(value) > MAX_SCORE:
        raise StatementRefused(field, f"must be between -{MAX_SCORE} and {MAX_SCORE}")
    return float(value)


def _text(value, field, limit=MAX_TEXT) -> str:
    if not isinstance(value, str):
        raise StatementRefused(field, "must be text")
    return value[:limit]


def _language_map(value, field) -> dict[str, str]:
    if not isinstance(value, dict):
        raise StatementRefused(field, "must be a language map")
    return {_text(key, field, 20): _text(text, field) for key, text in list(value.items())[:10]}


def duration_seconds(value: str) -> float:
    match = DURATION.match(value)
    if not match or value in ("P", "PT"):
        raise StatementRefused("result.duration", "must be an ISO 8601 duration such as PT12.5S")
    days, hours, minutes, seconds = (float(part) if part else 0.0 for part in match.groups())
    return ((days * 24 + hours) * 60 + minutes) * 60 + seconds


def _result(raw_result, top_level: bool, content) -> dict:
    if raw_result is None:
        return {}
    if not isinstance(raw_result, dict):
        raise StatementRefused("result", "must be an object")
    result = {}
    score = raw_result.get("score")
    if score is not None:
        if not isinstance(score, dict) or "raw" not in score or "max" not in score:
            raise StatementRefused("result.score", "needs raw and max")
        raw = _number(score["raw"], "result.score.raw")
        low = _number(score.get("min", 0), "result.score.min")
        high = _number(score["max"], "result.score.max")
        if not low <= raw <= high:
            raise StatementRefused("result.score", f"raw {raw:g} is outside min {low:g} and max {high:g}")
        expected = expected_max_score(content) if top_level else None
        if expected is not None and high != expected:
            raise StatementRefused("result.score.max", f"this activity's maximum score is {expected:g}, not {high:g}")
        # scaled is computed here, never taken from the browser.
        scaled = (raw - low) / (high - low) if high > low else 0.0
        result["score"] = {"raw": raw, "min": low, "max": high, "scaled": round(scaled, 4)}
    for name in ("completion", "success"):
        if name in raw_result:
            if not isinstance(raw_result[name], bool):
                raise StatementRefused(f"result.{name}", "must be true or false")
            result[name] = raw_result[name]
    if "duration" in raw_result:
        result["duration"] = _text(raw_result["duration"], "result.duration", 40)
        duration_seconds(result["duration"])
    if "response" in raw_result:
        result["response"] = _text(raw_result["response"], "result.response")
    return result


def _definition(raw) -> dict:
    if not isinstance(raw, dict):
        return {}
    definition = {}
    for name in ("name", "description"):
        if name in raw:
            definition[name] = _language_map(raw[name], f"object.definition.{name}")
    if raw.get("interactionType") in INTERACTION_TYPES:
        definition["interactionType"] = raw["interactionType"]
    if isinstance(raw.get("type"), str):
        definition["type"] = _text(raw["type"], "object.definition.type", 200)
    pattern = raw.get("correctResponsesPattern")
    if isinstance(pattern, list):
        definition["correctResponsesPattern"] = [_text(item, "correctResponsesPattern") for item in pattern[:20]]
    choices = raw.get("choices")
    if isinstance(choices, list):
        definition["choices"] = [
            {
                "id": _text(choice.get("id"), "choices.id", 100),
                "description": _language_map(choice.get("description", {}), "choices"),
            }
            for choice in choices[:20]
            if isinstance(choice, dict)
        ]
    return definition


def _object_id(statement, iri) -> tuple[str, bool]:
    """The object's id and whether it is the activity itself (else one of its sub-contents)."""
    target = statement.get("object")
    object_id = target.get("id") if isinstance(target, dict) else None
    if object_id == iri:
        return object_id, True
    if isinstance(object_id, str) and object_id.startswith(iri + SUB_CONTENT) and len(object_id) <= 500:
        return object_id, False
    raise StatementRefused("object.id", "is not this activity or one of its parts")


def actor(learner) -> dict:
    """The learner as an xAPI account: the site's activity IRI base and their public id, nothing personal."""
    return {
        "objectType": "Agent",
        "account": {"homePage": settings.H5P_ACTIVITY_IRI_BASE, "name": str(learner.public_id)},
    }


def normalise(statement: dict, *, learner, content, attempt: Attempt, language: str) -> dict:
    """The statement rebuilt from its accepted parts, as xAPI 1.0.3 with a server id and timestamp."""
    if not isinstance(statement, dict):
        raise StatementRefused("statement", "must be an object")
    verb = statement.get("verb")
    verb_id = verb.get("id") if isinstance(verb, dict) else None
    if verb_id not in ALLOWED_VERBS:
        raise StatementRefused("verb.id", "is not a verb H5P activities send")
    object_id, top_level = _object_id(statement, content.activity_iri)
    target = statement["object"]
    now = timezone.now()
    normalised = {
        "id": str(uuid.uuid4()),
        "version": XAPI_VERSION,
        "timestamp": now.isoformat(),
        "stored": now.isoformat(),
        "actor": actor(learner),
        "verb": {"id": verb_id, "display": {"en-US": verb_id.rsplit("/", 1)[-1]}},
        "object": {"objectType": "Activity", "id": object_id, "definition": _definition(target.get("definition"))},
        "context": {
            "registration": str(attempt.registration),
            "language": language,
            "contextActivities": {}
            if top_level
            else {"parent": [{"objectType": "Activity", "id": content.activity_iri}]},
        },
    }
    result = _result(statement.get("result"), top_level, content)
    if result:
        normalised["result"] = result
    return normalised


def _open_attempt(learner, content, language) -> Attempt:
    attempt = (
        Attempt.objects.select_for_update()
        .filter(learner=learner, content=content, finished_at=None)
        .order_by("-pk")
        .first()
    )
    return attempt or Attempt.objects.create(learner=learner, content=content, language=language)


def record_statement(learner, activity: LessonActivity, language: str, statement: dict) -> Outcome:
    """Validate, normalise and store one statement of ``activity``; raise StatementRefused."""
    content = activity.content
    with transaction.atomic():
        attempt = _open_attempt(learner, content, language)
        data = normalise(statement, learner=learner, content=content, attempt=attempt, language=language)
        stored = Statement.objects.create(
            id=data["id"], learner=learner, attempt=attempt, verb=data["verb"]["id"], data=data
        )
        if settings.H5P_LRS_URL:  # kept for forwarding to the external store (cms.h5p.lrs)
            OutboxEntry.objects.create(statement=stored)
        result = data.get("result", {})
        top_level = data["object"]["id"] == content.activity_iri
        finished = top_level and "score" in result
        if finished:
            _close(attempt, result)
        elif result and not top_level:
            _question(attempt, data)
    passed = finished and (attempt.score_scaled or 0) * 100 >= activity.pass_mark
    return Outcome(stored, attempt, finished, passed)


def _close(attempt: Attempt, result: dict) -> None:
    score = result["score"]
    attempt.score_raw, attempt.score_min, attempt.score_max = score["raw"], score["min"], score["max"]
    attempt.score_scaled = score["scaled"]
    attempt.completion = result.get("completion", True)
    attempt.success = result.get("success")
    attempt.duration_seconds = duration_seconds(result["duration"]) if "duration" in result else None
    attempt.finished_at = timezone.now()
    attempt.save()


def _question(attempt: Attempt, data: dict) -> None:
    result = data["result"]
    definition = data["object"]["definition"]
    description = next(iter(definition.get("description", {}).values()), "")
    QuestionResult.objects.create(
        attempt=attempt,
        object_id=data["object"]["id"],
        interaction_type=definition.get("interactionType", ""),
        description=description[:500],
        response=result.get("response", ""),
        score_raw=result.get("score", {}).get("raw"),
        score_max=result.get("score", {}).get("max"),
        success=result.get("success"),
    )
