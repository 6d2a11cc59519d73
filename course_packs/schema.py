"""The pack format v1 as pydantic models: one model per file kind.

Every model forbids unknown fields so a misspelt field is an error, not silently ignored.
"""

import datetime
import re
from typing import Annotated, Literal

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, HttpUrl, model_validator

from cms.locales import LANGUAGE_CODES

FORMAT_VERSION = 1

KEY_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
PACK_ID_PATTERN = r"^[a-z0-9]+([.-][a-z0-9]+)*$"
SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$")

# The sections of a country guide, in the order of the template in the domain notes.
GUIDE_TOPICS = (
    "at-a-glance",
    "legal-route",
    "costs",
    "contract",
    "sponsorship",
    "rights",
    "jobs-in-demand",
    "women-and-domestic-workers",
    "daily-life",
    "health",
    "money",
    "help-contacts",
    "scams",
    "irregular-routes",
    "return",
    "recent-changes",
)

CONTACT_KINDS = (
    "embassy",
    "government",
    "hotline",
    "labour-office",
    "legal-aid",
    "ngo",
    "police",
    "welfare",
    "international-organisation",
)

QUESTION_TYPES = ("single", "multiple", "true_false", "scenario")


def _semantic_version(value: str) -> str:
    if not SEMVER.match(value):
        raise ValueError(f"{value!r} is not a semantic version such as 1.2.0")
    return value


def _specifier(value: str) -> str:
    try:
        SpecifierSet(value)
    except InvalidSpecifier:
        raise ValueError(f"{value!r} is not a version range such as '>=0.1,<1.0'") from None
    return value


def _language(value: str) -> str:
    if value not in LANGUAGE_CODES:
        raise ValueError(f"unknown language {value!r}; the engine knows {', '.join(LANGUAGE_CODES)}")
    return value


Key = Annotated[str, Field(pattern=KEY_PATTERN, max_length=80)]
LanguageCode = Annotated[str, AfterValidator(_language)]
CountryCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
Text = Annotated[str, Field(min_length=1, max_length=255)]
LongText = Annotated[str, Field(min_length=1, max_length=2000)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Manifest(Strict):
    """pack.yaml: what the pack is, who publishes it, and which languages and engine it needs."""

    format: Annotated[Literal[1], Field(description="The pack format version; always 1.")]
    id: Annotated[
        str,
        Field(
            pattern=PACK_ID_PATTERN,
            max_length=100,
            description="Unique id of the pack, e.g. 'publisher.topic'. It never changes between versions.",
        ),
    ]
    # YAML reads an unquoted 1.0 as a number; say what is wrong with it rather than "not a string".
    version: Annotated[
        str,
        BeforeValidator(str),
        AfterValidator(_semantic_version),
        Field(
            json_schema_extra={"pattern": SEMVER.pattern},
            description="Semantic version (1.2.0). A pack with changed content needs a higher version.",
        ),
    ]
    title: Annotated[Text, Field(description="The pack's name, in the source language.")]
    publisher: Annotated[
        Key, Field(description="Id of the organisation publishing the pack; a partner may upload only its own.")
    ]
    licence: Annotated[Text, Field(description="Licence of the content, e.g. CC-BY-4.0.")]
    source_language: Annotated[
        LanguageCode,
        Field(json_schema_extra={"enum": list(LANGUAGE_CODES)}, description="The language the content is written in."),
    ]
    languages: Annotated[
        list[Annotated[LanguageCode, Field(json_schema_extra={"enum": list(LANGUAGE_CODES)})]],
        Field(
            min_length=1,
            description="Every language the pack is shown in: the source language and each locale/<code>/ folder.",
        ),
    ]
    country: Annotated[
        CountryCode | None,
        Field(description="ISO 3166-1 alpha-2 code of the destination country; required with a country guide."),
    ] = None
    engine: Annotated[
        str,
        AfterValidator(_specifier),
        Field(description="Range of Rahnuma engine versions the pack works with, e.g. '>=0.1,<1.0'."),
    ]

    @model_validator(mode="after")
    def _source_language_is_carried(self):
        if self.source_language not in self.languages:
            raise ValueError("source_language must be one of languages")
        if len(set(self.languages)) != len(self.languages):
            raise ValueError("languages lists a language twice")
        return self

    def supports_engine(self, engine_version: str) -> bool:
        try:
            return Version(engine_version) in SpecifierSet(self.engine)
        except InvalidVersion:
            return False


class Source(Strict):
    title: Text
    url: HttpUrl


class Guide(Strict):
    key: Key
    title: Text
    summary: LongText
    sections: Annotated[list[Key], Field(min_length=1)]


class GuideSection(Strict):
    key: Key
    topic: Literal[GUIDE_TOPICS]
    title: Text
    summary: LongText
    sources: Annotated[list[Source], Field(min_length=1)]
    last_verified: datetime.date
    owner: Text
    courses: Annotated[
        list[Key],
        Field(
            max_length=10,
            description="Courses that teach what the section asks for, by key, from this or any other pack "
            "(e.g. a training partner's); linked where the site has them.",
        ),
    ] = []


class Course(Strict):
    key: Key
    title: Text
    summary: LongText
    lessons: Annotated[list[Key], Field(min_length=1)]


class H5PActivity(Strict):
    """An H5P activity shown in a lesson: a package of the pack's h5p/ folder (cms.h5p)."""

    file: Annotated[str, Field(pattern=r"^h5p/[a-z0-9]+(-[a-z0-9]+)*\.h5p$", max_length=160)]
    required: bool = False  # the lesson is finished only when the activity is passed
    pass_mark: Annotated[int, Field(ge=0, le=100)] = 0  # percent of the activity's score


class Lesson(Strict):
    key: Key
    title: Text
    summary: LongText
    minutes: Annotated[int, Field(ge=1, le=120)]
    quiz: Key | None = None
    h5p: H5PActivity | None = None
    sources: list[Source] = []
    last_verified: datetime.date | None = None


class Choice(Strict):
    key: Key
    text: LongText
    correct: bool = False
    feedback: LongText


class Question(Strict):
    key: Key
    type: Literal[QUESTION_TYPES]
    prompt: LongText
    story: LongText | None = None
    choices: Annotated[list[Choice], Field(min_length=2, max_length=8)]

    @model_validator(mode="after")
    def _choices_fit_the_type(self):
        correct = sum(choice.correct for choice in self.choices)
        if self.type == "multiple":
            if correct < 1:
                raise ValueError("a multiple-choice question needs at least one correct choice")
        elif correct != 1:
            raise ValueError(f"a {self.type} question needs exactly one correct choice, not {correct}")
        if self.type == "true_false" and len(self.choices) != 2:
            raise ValueError("a true_false question has exactly two choices")
        if self.type == "scenario" and not self.story:
            raise ValueError("a scenario question needs a story")
        if self.type != "scenario" and self.story:
            raise ValueError("only scenario questions have a story")
        if len({choice.key for choice in self.choices}) != len(self.choices):
            raise ValueError("choice keys must be unique within a question")
        return self


class Quiz(Strict):
    key: Key
    title: Text
    pass_mark: Annotated[int, Field(ge=1, le=100)]
    questions: Annotated[list[Question], Field(min_length=1, max_length=30)]

    @model_validator(mode="after")
    def _question_keys_unique(self):
        if len({question.key for question in self.questions}) != len(self.questions):
            raise ValueError("question keys must be unique within a quiz")
        return self


class Contact(Strict):
    key: Key
    organisation: Text
    kind: Literal[CONTACT_KINDS]
    country: CountryCode
    city: Text | None = None
    description: LongText | None = None
    phones: list[Annotated[str, Field(pattern=r"^\+?[0-9][0-9 ()-]{2,24}$")]] = []
    whatsapp: Annotated[str, Field(pattern=r"^\+[0-9][0-9 ]{6,20}$")] | None = None
    email: Annotated[str, Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=254)] | None = None
    website: HttpUrl | None = None
    address: LongText | None = None
    hours: Text | None = None
    languages_spoken: list[Annotated[str, Field(pattern=r"^[a-z]{2,3}$")]] = []
    source: Source
    last_verified: datetime.date

    @model_validator(mode="after")
    def _reachable(self):
        if not (self.phones or self.whatsapp or self.email or self.website or self.address):
            raise ValueError("a contact needs at least one way to reach it")
        return self


class Contacts(Strict):
    contacts: Annotated[list[Contact], Field(min_length=1)]
