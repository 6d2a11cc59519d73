"""A large, valid course pack for benchmarks, and the next version of it.

Everything written here is generated benchmark data, not guidance: the English is assembled from a
small fixed phrase list, and the Urdu and Punjabi translations are words drawn from a small fixed
vocabulary in each script, keeping the source's links and bold text so that they validate and
install like real translations. The output depends only on the arguments: two runs give identical
packs.

    python -m bench.generate_pack /tmp/bench-pack --lessons 200
    python -m bench.generate_pack /tmp/bench-pack-next --lessons 200 --changed

A pack of N lessons has N/10 courses (ten lessons each, the last one possibly shorter), a lesson
quiz of four questions (single, multiple, true/false and scenario) per lesson, a three-section
guide and five contacts, in English, Urdu and Punjabi. The changed version (1.1.0 instead of
1.0.0) revises one string in a tenth of the items of each kind that the two versions share (at
least one of each kind: 45 of 425 items for 200 lessons; the revised quizzes are those of the
revised lessons, so a tenth of the lesson pages change), drops two lessons with their quizzes and
adds two; its translations follow the new text.
"""

import argparse
import datetime
import random
import re
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from course_packs import read_pack
from course_packs.catalogue_files import write_catalogue
from course_packs.messages import pack_messages
from course_packs.reader import Pack
from course_packs.translations import Catalogue, TranslatedMessage

PACK_ID = "bench.generated"
FIRST_VERSION = "1.0.0"
NEXT_VERSION = "1.1.0"
LANGUAGES = ("en", "ur", "pnb")
COUNTRY = "XX"  # a user-assigned ISO code: the generated guide describes no real country
DEFAULT_LESSONS = 200
MIN_LESSONS = 3  # the changed version removes two lessons and must keep a course non-empty
LESSONS_PER_COURSE = 10
LESSONS_ADDED = 2
CHANGED_SHARE = 0.10
GUIDE_KEY = "bench-guide"
GUIDE_TOPICS = ("at-a-glance", "legal-route", "costs")
LAST_VERIFIED = datetime.date(2026, 11, 1)
SOURCE = {"title": "Generated benchmark data", "url": "https://example.org/bench"}

# The English phrase list. A sentence is subject + action + object + ending.
SUBJECTS = (
    "Your employer", "A licensed agent", "The Protector of Emigrants", "The resource centre", "Your contract",
    "The embassy", "The labour office", "The welfare attaché", "Your sponsor", "A good recruiting agent",
)  # fmt: skip
ACTIONS = (
    "must give you", "should explain", "can help you with", "will ask you for", "may not keep", "has to pay for",
    "must write down", "can check",
)  # fmt: skip
OBJECTS = (
    "a copy of your contract", "your passport", "your wage slip", "the visa fee", "your weekly rest day",
    "the medical test", "your return ticket", "the insurance papers", "your working hours",
    "the receipt for every payment", "your overtime pay", "the address of your workplace",
)  # fmt: skip
ENDINGS = (
    "before you leave", "in writing", "at no cost to you", "within two weeks", "in a language you read",
    "when you arrive", "every month", "before you sign anything",
)  # fmt: skip
HEADINGS = (
    "Before you sign", "At the airport", "Your first weeks", "If something goes wrong", "Money and fees",
    "Your documents", "Who can help",
)  # fmt: skip
TOPICS = (
    "Your contract", "Fees and receipts", "Your passport", "Rest days and hours", "Your wage", "Staying healthy",
    "Getting help", "Scams to avoid", "The day you travel", "Coming home",
)  # fmt: skip
FACTS = (
    ("Fee cap", "Rs 15,000"), ("Contract copy", "at least 5 days before you leave"), ("Rest day", "one day a week"),
    ("Working hours", "8 hours a day"), ("Medical test", "at an approved centre"), ("Helpline", "0800 12345"),
    ("Visa fee", "paid by the employer"), ("Insurance", "for the whole contract"),
)  # fmt: skip
UPDATES = (
    "The rules changed in 2026, so check the new fee table.",
    "Since March 2026 you can also do this online.",
    "The office has moved, so call before you go.",
    "From 2026 the employer pays this, not you.",
)
CONTACTS = (
    ("Workers' helpline", "hotline", "North City"),
    ("Embassy help desk", "embassy", "Capital City"),
    ("Legal aid clinic", "legal-aid", "Harbour Town"),
    ("Labour office", "labour-office", "River City"),
    ("Community welfare office", "welfare", "Hill Town"),
)

# Filler words for the generated translations, one small vocabulary per language and script.
VOCABULARY = {
    "ur": (
        "کام", "معاہدہ", "پاسپورٹ", "تنخواہ", "ویزا", "مدد", "سفر", "حقوق", "رابطہ", "دفتر", "ملک", "وقت",
        "رقم", "ضروری", "محفوظ", "قانونی", "آجر", "ایجنٹ", "رسید", "فیس", "چھٹی", "ہفتہ", "مہینہ", "کاغذات",
        "بیمہ", "شکایت", "اور", "کے", "لیے", "سے", "پہلے", "بعد", "میں", "آپ", "اپنا", "ہمیشہ",
    ),
    "pnb": (
        "کم", "معاہدہ", "پاسپورٹ", "تنخواہ", "ویزا", "مدد", "سفر", "حق", "رابطہ", "دفتر", "ملک", "ویلا",
        "پیسے", "ضروری", "محفوظ", "قانونی", "مالک", "ایجنٹ", "رسید", "فیس", "چھٹی", "ہفتہ", "مہینہ", "کاغذ",
        "بیمہ", "شکایت", "تے", "دے", "لئی", "توں", "پہلاں", "مگروں", "وچ", "تسیں", "اپنا", "ہمیشہ",
    ),
}  # fmt: skip

_LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def lesson_key(number: int) -> str:
    return f"bench-lesson-{number:03d}"


def quiz_key(lesson: str) -> str:
    return f"{lesson}-quiz"


def course_key(number: int) -> str:
    return f"bench-course-{number:02d}"


def section_key(topic: str) -> str:
    return f"bench-{topic}"


def contact_key(number: int) -> str:
    return f"bench-contact-{number}"


@dataclass(frozen=True)
class PackPlan:
    """The items of one version of the generated pack, and which of them carry revised text."""

    version: str
    courses: dict[str, list[str]]  # course key -> its lesson keys, in order
    revised: frozenset[str]

    @property
    def lessons(self) -> list[str]:
        return [lesson for lessons in self.courses.values() for lesson in lessons]

    def item_kinds(self) -> list[list[str]]:
        """The item keys, one list per kind of item: guide, sections, courses, lessons, quizzes, contacts."""
        return [
            [GUIDE_KEY],
            [section_key(topic) for topic in GUIDE_TOPICS],
            list(self.courses),
            self.lessons,
            [quiz_key(lesson) for lesson in self.lessons],
            [contact_key(number) for number in range(1, len(CONTACTS) + 1)],
        ]


def plan_pack(lessons: int = DEFAULT_LESSONS, *, changed: bool = False) -> PackPlan:
    """Which items the first version (or, with ``changed``, the next version) of a pack of ``lessons`` has."""
    if lessons < MIN_LESSONS:
        raise ValueError(f"a generated pack needs at least {MIN_LESSONS} lessons, not {lessons}")
    first = PackPlan(FIRST_VERSION, _courses_of(range(1, lessons + 1)), frozenset())
    if not changed:
        return first
    removed = {lesson_key(lessons // 3 + 1), lesson_key(2 * lessons // 3 + 1)}
    removed |= {quiz_key(lesson) for lesson in removed}
    courses = {course: [key for key in keys if key not in removed] for course, keys in first.courses.items()}
    courses[next(reversed(courses))] += [lesson_key(lessons + n) for n in range(1, LESSONS_ADDED + 1)]
    revised = set()
    for keys in first.item_kinds():
        kept = [key for key in keys if key not in removed]
        revised.update(_spread(kept, max(1, round(len(kept) * CHANGED_SHARE))))
    return PackPlan(NEXT_VERSION, courses, frozenset(revised))


def _courses_of(lesson_numbers) -> dict[str, list[str]]:
    numbers = list(lesson_numbers)
    return {
        course_key(index + 1): [lesson_key(n) for n in numbers[start : start + LESSONS_PER_COURSE]]
        for index, start in enumerate(range(0, len(numbers), LESSONS_PER_COURSE))
    }


def _spread(keys: list[str], count: int) -> list[str]:
    """``count`` of ``keys``, spread evenly over them."""
    return [keys[index * len(keys) // count] for index in range(count)]


def generated_translation(text: str, language: str) -> str:
    """Filler words in ``language`` as many as ``text`` has, with the same links (and bold if it has any)."""
    vocabulary = VOCABULARY[language]
    chooser = random.Random(f"{language}/{text}")
    words = [chooser.choice(vocabulary) for _ in _LINK.sub("", text).split()] or [chooser.choice(vocabulary)]
    if "**" in text:
        words[0] = f"**{words[0]}**"
    words += [f"[{chooser.choice(vocabulary)}]({url})" for url in _LINK.findall(text)]
    ending = "؟" if text.endswith("?") else "۔" if text.endswith(".") else ""
    return " ".join(words) + ending


def generate_pack(target, lessons: int = DEFAULT_LESSONS, *, changed: bool = False) -> Pack:
    """Write the generated pack into the new or empty folder ``target``; return it read and validated."""
    root = Path(target)
    if root.exists() and any(root.iterdir()):
        raise FileExistsError(f"{root} is not empty; the generator writes only into a new or empty folder")
    plan = plan_pack(lessons, changed=changed)
    _PackWriter(root, plan).write()
    _write_translations(read_pack(root))
    return read_pack(root)


def _write_translations(pack: Pack) -> None:
    """Complete PO files for every translation language: one for the guide, one for the contacts, one per course.

    They are written by the same function that makes translators' files; one file for the whole
    pack would pass the format's file-size limit.
    """
    messages = pack_messages(pack)
    for language in pack.translation_languages:
        # write_catalogue keeps the translations already in pack.catalogues: give it the generated ones.
        pack.catalogues[language] = Catalogue(
            language,
            {
                (message.context, message.msgid): TranslatedMessage(
                    generated_translation(message.msgid, language), message.file, 0
                )
                for message in messages
            },
        )
        for file_name, part in _parts(pack).items():
            write_catalogue(part, language, file_name)


def _parts(pack: Pack) -> dict[str, Pack]:
    """The pack split into the parts that get a PO file each, as views sharing the pack's documents."""
    nothing = {"guide": None, "sections": {}, "courses": {}, "lessons": {}, "quizzes": {}, "contacts": {}}
    parts = {
        "guide.po": replace(pack, **{**nothing, "guide": pack.guide, "sections": pack.sections}),
        "contacts.po": replace(pack, **{**nothing, "contacts": pack.contacts}),
    }
    for key, course in pack.courses.items():
        lessons = {lesson: pack.lessons[lesson] for lesson in course.meta.lessons}
        quizzes = {quiz_key(lesson): pack.quizzes[quiz_key(lesson)] for lesson in lessons}
        parts[f"{key}.po"] = replace(
            pack, **{**nothing, "courses": {key: course}, "lessons": lessons, "quizzes": quizzes}
        )
    return parts


class _Prose:
    """English text from the phrase list, the same for the same seed."""

    def __init__(self, *seed):
        self.random = random.Random("/".join(str(part) for part in seed))

    def pick(self, options):
        return self.random.choice(options)

    def sentence(self, *, bold: bool = False) -> str:
        thing = self.pick(OBJECTS)
        return f"{self.pick(SUBJECTS)} {self.pick(ACTIONS)} {f'**{thing}**' if bold else thing} {self.pick(ENDINGS)}."

    def paragraph(self, sentences: int = 3, *, bold: bool = False) -> str:
        return " ".join(self.sentence(bold=bold and index == 0) for index in range(sentences))

    def answer(self, key: str, *, correct: bool) -> dict:
        verdict = "Yes, this is right." if correct else "No, this is not right."
        return {"key": key, "text": self.sentence(), "correct": correct, "feedback": f"{verdict} {self.sentence()}"}


def _number(key: str) -> int:
    """The number at the end of a generated course or lesson key."""
    return int(key.rsplit("-", 1)[1])


def _revision(text: str, key: str) -> str:
    """``text`` as the next version words it: one more sentence."""
    return f"{text} {random.Random(f'{key}/revision').choice(UPDATES)}"


class _YamlDumper(yaml.SafeDumper):
    """Writes a value used twice out in full: the pack format refuses YAML anchors and aliases."""

    def ignore_aliases(self, data):
        return True


def _yaml(data) -> str:
    return yaml.dump(data, Dumper=_YamlDumper, allow_unicode=True, sort_keys=False)


class _PackWriter:
    """Writes the source-language files of one version of the pack."""

    def __init__(self, root: Path, plan: PackPlan):
        self.root = root
        self.plan = plan

    def revise(self, key: str, text: str) -> str:
        return _revision(text, key) if key in self.plan.revised else text

    def write(self):
        self.write_yaml(
            "pack.yaml",
            {
                "format": 1,
                "id": PACK_ID,
                "version": self.plan.version,
                "title": "Generated benchmark pack (not real guidance)",
                "publisher": "rahnuma",
                "licence": "CC0-1.0",
                "source_language": LANGUAGES[0],
                "languages": list(LANGUAGES),
                "country": COUNTRY,
                "engine": ">=0.1,<1.0",
            },
        )
        self.write_guide()
        for course, lessons in self.plan.courses.items():
            self.write_course(course, lessons)
        for lesson in self.plan.lessons:
            self.write_lesson(lesson)
            self.write_quiz(quiz_key(lesson))
        self.write_contacts()

    def write_file(self, relative: str, text: str):
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def write_yaml(self, relative: str, data: dict):
        self.write_file(relative, _yaml(data))

    def write_markdown(self, relative: str, meta: dict, body: str):
        self.write_file(relative, f"---\n{_yaml(meta)}---\n{body}")

    def body(self, key: str) -> str:
        """A few paragraphs, two headings, a list, a warning and key facts; the next version revises paragraph 2."""
        prose = _Prose(key, "body")
        link = f"Ask at the [resource centre](https://example.org/bench/{key}) if you are not sure."
        items = "\n".join(f"- {prose.sentence()}" for _ in range(4))
        facts = "\n".join(f"- {label}: {value}" for label, value in prose.random.sample(FACTS, 3))
        return (
            f"{prose.paragraph(bold=True)}\n\n"
            f"## {prose.pick(HEADINGS)}\n\n"
            f"{self.revise(key, prose.paragraph())} {link}\n\n"
            f"{items}\n\n"
            f"::: warning\n{prose.sentence()}\n:::\n\n"
            f"## {prose.pick(HEADINGS)}\n\n"
            f"{prose.paragraph()}\n\n"
            f"::: key-facts\n{facts}\n:::\n\n"
            f"{prose.paragraph(2)}\n"
        )

    def write_guide(self):
        prose = _Prose(GUIDE_KEY)
        self.write_yaml(
            "guide.yaml",
            {
                "key": GUIDE_KEY,
                "title": "Working abroad (generated benchmark guide)",
                "summary": self.revise(GUIDE_KEY, prose.sentence()),
                "sections": [section_key(topic) for topic in GUIDE_TOPICS],
            },
        )
        for number, topic in enumerate(GUIDE_TOPICS, start=1):
            key = section_key(topic)
            meta = {
                "key": key,
                "topic": topic,
                "title": topic.replace("-", " ").capitalize(),
                "summary": _Prose(key).sentence(),
                "sources": [SOURCE],
                "last_verified": LAST_VERIFIED,
                "owner": "Benchmark generator",
            }
            self.write_markdown(f"guide/{number:02d}-{topic}.md", meta, self.body(key))

    def write_course(self, key: str, lessons: list[str]):
        number = _number(key)
        topic = TOPICS[number % len(TOPICS)]
        summary = f"Short lessons on {topic.lower()}. {_Prose(key).sentence()}"
        self.write_yaml(
            f"courses/{key}.yaml",
            {
                "key": key,
                "title": f"Course {number}: {topic}",
                "summary": self.revise(key, summary),
                "lessons": lessons,
            },
        )

    def write_lesson(self, key: str):
        number = _number(key)
        meta = {
            "key": key,
            "title": f"Lesson {number}: {TOPICS[number % len(TOPICS)]}",
            "summary": _Prose(key).sentence(),
            "minutes": 5 + number % 10,
            "quiz": quiz_key(key),
            "sources": [SOURCE],
            "last_verified": LAST_VERIFIED,
        }
        self.write_markdown(f"lessons/{key}.md", meta, self.body(key))

    def write_quiz(self, key: str):
        prose = _Prose(key)
        questions = [
            {
                "key": "q1",
                "type": "single",
                "prompt": self.revise(key, f"What is true about {prose.pick(OBJECTS)}?"),
                "choices": [prose.answer(choice, correct=choice == "b") for choice in "abc"],
            },
            {
                "key": "q2",
                "type": "multiple",
                "prompt": "Which of these are true? Choose all that apply.",
                "choices": [prose.answer(choice, correct=choice in "ac") for choice in "abcd"],
            },
            {
                "key": "q3",
                "type": "true_false",
                "prompt": prose.sentence(),
                "choices": [
                    {"key": "true", "text": "True", "correct": True, "feedback": prose.sentence()},
                    {"key": "false", "text": "False", "correct": False, "feedback": prose.sentence()},
                ],
            },
            {
                "key": "q4",
                "type": "scenario",
                "story": f"A week before you fly, you learn this: {prose.sentence()}",
                "prompt": "What do you do?",
                "choices": [prose.answer(choice, correct=choice == "a") for choice in "abc"],
            },
        ]
        self.write_yaml(
            f"quizzes/{key}.yaml",
            {"key": key, "title": "Check what you learned", "pass_mark": 75, "questions": questions},
        )

    def write_contacts(self):
        contacts = []
        for number, (organisation, kind, city) in enumerate(CONTACTS, start=1):
            key = contact_key(number)
            contacts.append(
                {
                    "key": key,
                    "organisation": organisation,
                    "kind": kind,
                    "country": COUNTRY,
                    "city": city,
                    "description": self.revise(key, _Prose(key).paragraph(2)),
                    "phones": [f"+000 555 01{number:02d}"],
                    "email": f"help{number}@example.org",
                    "website": f"https://example.org/bench/contact-{number}",
                    "address": f"{number} Main Road, {city}",
                    "hours": "Sunday to Thursday, 8:00 to 16:00",
                    "languages_spoken": ["ur", "en"],
                    "source": SOURCE,
                    "last_verified": LAST_VERIFIED,
                }
            )
        self.write_yaml("contacts.yaml", {"contacts": contacts})


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate_pack", description=__doc__.split("\n\n")[0])
    parser.add_argument("target", help="a new or empty folder")
    parser.add_argument("--lessons", type=int, default=DEFAULT_LESSONS)
    parser.add_argument("--changed", action="store_true", help=f"write version {NEXT_VERSION} instead of 1.0.0")
    arguments = parser.parse_args(argv)
    pack = generate_pack(arguments.target, arguments.lessons, changed=arguments.changed)
    print(
        f"wrote {arguments.target}: {pack.manifest.id} {pack.manifest.version}, {len(pack.courses)} courses, "
        f"{len(pack.lessons)} lessons, {len(pack.contacts)} contacts, languages {', '.join(pack.manifest.languages)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
