"""The benchmark: its pack generator (a valid pack of the requested size, and a next version changing a tenth
of it) and how it reports the timed steps."""

import re

import pytest

from bench.generate_pack import (
    FIRST_VERSION,
    NEXT_VERSION,
    generate_pack,
    generated_translation,
    plan_pack,
    quiz_key,
)
from bench.pack_install import Step, format_table
from course_packs.messages import item_messages, pack_messages

LESSONS = 12  # two courses: ten lessons and two


@pytest.fixture(scope="module")
def packs(tmp_path_factory):
    root = tmp_path_factory.mktemp("bench")
    return generate_pack(root / "first", LESSONS), generate_pack(root / "next", LESSONS, changed=True)


def texts(document):
    return [(message.context, message.msgid) for message in item_messages(document)]


def test_pack_has_the_requested_size_in_three_languages(packs):
    first, _ = packs
    assert first.manifest.version == FIRST_VERSION
    assert first.manifest.languages == ["en", "ur", "pnb"]
    assert len(first.lessons) == LESSONS and len(first.quizzes) == LESSONS
    assert [len(course.meta.lessons) for course in first.courses.values()] == [10, 2]
    assert len(first.sections) == 3 and len(first.contacts) == 5


def test_lessons_have_a_realistic_body_and_a_mixed_quiz(packs):
    lesson = packs[0].lessons["bench-lesson-001"]
    assert "::: warning" in lesson.body and "::: key-facts" in lesson.body
    assert re.search(r"^- ", lesson.body, re.MULTILINE) and "](https://" in lesson.body
    assert len([line for line in lesson.body.split("\n\n") if line[:1].isupper()]) >= 4  # paragraphs
    quiz = packs[0].quizzes[lesson.meta.quiz]
    assert [question.type for question in quiz.meta.questions] == ["single", "multiple", "true_false", "scenario"]


def test_every_string_is_translated_in_both_versions(packs):
    for pack in packs:
        messages = pack_messages(pack)
        for language in ("ur", "pnb"):
            catalogue = pack.catalogues[language]
            assert all(catalogue.get(message.context, message.msgid) for message in messages), language


def test_next_version_revises_the_planned_items_and_adds_and_drops_two_lessons(packs):
    first, second = packs
    assert second.manifest.version == NEXT_VERSION
    before = {document.key: document for document in first.items()}
    after = {document.key: document for document in second.items()}
    assert before.keys() - after.keys() == {
        "bench-lesson-005", "bench-lesson-005-quiz", "bench-lesson-009", "bench-lesson-009-quiz",
    }  # fmt: skip
    assert after.keys() - before.keys() == {
        "bench-lesson-013", "bench-lesson-013-quiz", "bench-lesson-014", "bench-lesson-014-quiz",
    }  # fmt: skip
    assert second.courses["bench-course-02"].meta.lessons[-2:] == ["bench-lesson-013", "bench-lesson-014"]
    shared = before.keys() & after.keys()
    changed = {key for key in shared if texts(before[key]) != texts(after[key])}
    # A tenth of each kind of item, at least one of each: guide, section, course, lesson, quiz, contact.
    assert len(shared) == 31 and len(changed) == 6
    assert changed == plan_pack(LESSONS, changed=True).revised
    # Each revision is one string more or changed, not a rewrite of the item.
    for key in changed:
        assert len(set(texts(after[key])) - set(texts(before[key]))) == 1


def test_the_default_pack_revises_a_tenth_of_each_kind_of_item():
    plan = plan_pack(changed=True)
    assert len(plan.lessons) == 200
    revised_per_kind = [len(plan.revised.intersection(keys)) for keys in plan.item_kinds()]
    # guide, 3 sections, 20 courses, 198 kept lessons and quizzes, 5 contacts: 425 items, 45 revised.
    assert revised_per_kind == [1, 1, 2, 20, 20, 1]
    # The revised quizzes are those of the revised lessons: a tenth of the lesson pages change.
    assert {quiz_key(lesson) for lesson in plan.lessons if lesson in plan.revised} == {
        key for key in plan.revised if key.endswith("-quiz")
    }


def test_generated_translation_keeps_links_and_bold_in_the_target_script():
    source = "Ask at the [resource centre](https://example.org/help) about **fees**."
    urdu = generated_translation(source, "ur")
    assert "](https://example.org/help)" in urdu and urdu.count("**") == 2 and urdu.endswith("۔")
    assert not re.search(r"[A-Za-z]", re.sub(r"\(https://[^)]*\)", "", urdu))
    assert generated_translation(source, "ur") == urdu != generated_translation(source, "pnb")


def test_the_same_arguments_give_identical_packs(packs, tmp_path):
    again = generate_pack(tmp_path / "again", LESSONS).root
    first = packs[0].root
    files = sorted(path.relative_to(first) for path in first.rglob("*") if path.is_file())
    assert files == sorted(path.relative_to(again) for path in again.rglob("*") if path.is_file())
    assert all((first / name).read_bytes() == (again / name).read_bytes() for name in files)


def test_too_few_lessons_are_refused():
    with pytest.raises(ValueError, match="at least 3 lessons, not 2"):
        plan_pack(2)


def test_a_folder_with_files_is_never_written_into(tmp_path):
    (tmp_path / "notes.txt").write_text("keep me")
    with pytest.raises(FileExistsError, match="is not empty"):
        generate_pack(tmp_path, LESSONS)
    assert [path.name for path in tmp_path.iterdir()] == ["notes.txt"]


def test_steps_are_judged_against_their_goal_in_wall_clock_seconds():
    assert Step("install", 10, 2, 3, goal=20.0, seconds=25.0).verdict == "MISS"
    assert Step("install", 10, 2, 3, goal=20.0, seconds=19.5).verdict == "PASS"
    assert Step("dry run", 10, 2, 3, seconds=1.0).verdict == "-"  # no goal
    assert Step("install", 10, 2, 3, queries=600).queries_per_page == 20.0  # 600 / (10 pages x 3 languages)


def test_table_lists_every_step_and_says_why_one_did_not_run():
    ran = Step("install 1.0.0", 10, 2, 3, goal=20.0, seconds=25.0, cpu_seconds=24.0, queries=600)
    refused = Step("upgrade 1.0.0 -> 1.1.0", 10, 2, 3, goal=5.0, note="did not run: not supported yet")
    lines = format_table([ran, refused]).splitlines()
    cells = [re.split(r"\s{2,}", line) for line in lines[2:4]]
    assert cells[0] == ["install 1.0.0", "10", "2", "3", "25.00", "24.00", "600", "20.0", "< 20 s", "MISS"]
    assert cells[1] == ["upgrade 1.0.0 -> 1.1.0", "10", "2", "3", "-", "-", "-", "-", "< 5 s", "-"]
    assert lines[-1] == "upgrade 1.0.0 -> 1.1.0: did not run: not supported yet"
