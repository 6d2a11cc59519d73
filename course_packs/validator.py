"""Checks across the files of a pack: references, body Markdown, images, H5P activities and translations."""

from cms import __version__ as ENGINE_VERSION
from cms.h5p.package import open_h5p
from course_packs.errors import PackError, PackInvalid
from course_packs.markdown import MarkdownProblem, check_markdown, image_directive, key_facts, split_body
from course_packs.messages import pack_messages
from course_packs.readability import check_pack as readability_problems


def validate(pack) -> None:
    """Append every cross-file problem of ``pack`` to pack.errors (and notes to pack.warnings)."""
    _check_engine(pack)
    _check_references(pack)
    used_media = set()
    for document in list(pack.sections.values()) + list(pack.lessons.values()):
        used_media |= _check_body(pack, document)
    for name in sorted(set(pack.media) - used_media):
        pack.warnings.append(PackError(name, "this image is not used by any guide section or lesson"))
    _check_translations(pack)
    _check_h5p(pack)
    # Advice, not a refusal: a partner sees in the upload report which paragraphs to shorten, and a
    # pack that does not keep to the budget still installs (first-party packs are held to it by a test).
    pack.warnings.extend(readability_problems(pack))


def _error(pack, file, message, field="", line=None):
    pack.errors.append(PackError(file, message, field, line))


def _check_engine(pack):
    if not pack.manifest.supports_engine(ENGINE_VERSION):
        _error(pack, "pack.yaml", f"needs engine {pack.manifest.engine}; this is engine {ENGINE_VERSION}", "engine")


def _check_references(pack):
    guide = pack.guide
    if guide:
        if not pack.manifest.country:
            _error(pack, "pack.yaml", "a pack with a country guide must name its country", "country")
        _check_listed(pack, guide.path, "sections", guide.meta.sections, pack.sections, "guide section")
    elif pack.sections:
        _error(pack, "guide.yaml", "guide sections need a guide.yaml that lists them")
    for course in pack.courses.values():
        _check_listed(pack, course.path, "lessons", course.meta.lessons, pack.lessons, "lesson")
    _check_single_parent(
        pack, [(c.path, c.meta.lessons) for c in pack.courses.values()], pack.lessons, "lesson", "course"
    )
    if guide:
        _check_single_parent(pack, [(guide.path, guide.meta.sections)], pack.sections, "guide section", "guide")
    quiz_users = {}
    for lesson in pack.lessons.values():
        quiz = lesson.meta.quiz
        if quiz is None:
            continue
        if quiz not in pack.quizzes:
            _error(pack, lesson.path, f"no quiz has the key {quiz!r}", "quiz")
        elif quiz in quiz_users:
            _error(pack, lesson.path, f"quiz {quiz!r} is already used by lesson {quiz_users[quiz]!r}", "quiz")
        else:
            quiz_users[quiz] = lesson.key
    for quiz in pack.quizzes.values():
        if quiz.key not in quiz_users:
            _error(pack, quiz.path, "no lesson uses this quiz", "key")


def _check_listed(pack, file, field, keys, items, noun):
    seen = set()
    for index, key in enumerate(keys):
        if key not in items:
            _error(pack, file, f"no {noun} has the key {key!r}", f"{field}.{index}")
        if key in seen:
            _error(pack, file, f"{key!r} is listed twice", f"{field}.{index}")
        seen.add(key)


def _check_single_parent(pack, parents, items, noun, parent_noun):
    listed = {}
    for file, keys in parents:
        for key in keys:
            if key in listed and listed[key] != file:
                _error(pack, file, f"{noun} {key!r} is already part of {listed[key]}")
            listed.setdefault(key, file)
    for key, document in items.items():
        if key not in listed:
            _error(pack, document.path, f"this {noun} is not listed in any {parent_noun}", "key")


def _check_body(pack, document) -> set[str]:
    """Record the body's problems; return the media files it shows."""
    used_media = set()
    split = split_body(document.body)
    offset = document.body_first_line - 1
    for problem in split.problems:
        _error(pack, document.path, problem.message, "body", offset + problem.line)
    if not split.chunks:
        _error(pack, document.path, "the body is empty", "body", document.body_first_line)
    for chunk in split.chunks:
        first_line = offset + chunk.first_line
        if chunk.kind == "key-facts":
            _, problems = key_facts(chunk.markdown, first_line)
        elif chunk.kind == "image":
            image, problems = image_directive(chunk.markdown, first_line)
            if image and image.file in pack.media:
                used_media.add(image.file)
            elif image:
                problems.append(
                    MarkdownProblem(image.line, f"no image {image.file!r} in the pack; name a file of media/")
                )
        else:
            problems = check_markdown(chunk.markdown, first_line)
        for problem in problems:
            _error(pack, document.path, problem.message, "body", problem.line)
    return used_media


def _check_translations(pack):
    known = {(message.context, message.msgid): message for message in pack_messages(pack)}
    for catalogue in pack.catalogues.values():
        for (context, msgid), translated in catalogue.messages.items():
            source = known.get((context, msgid))
            if source is None:
                pack.warnings.append(
                    PackError(
                        translated.file, "translation of a string the pack no longer has", context, translated.line
                    )
                )
                continue
            if source.markdown:
                for problem in check_markdown(translated.text):
                    _error(pack, translated.file, f"translation: {problem.message}", context, translated.line)
                if translated.text.count("](") != msgid.count("]("):
                    _error(
                        pack,
                        translated.file,
                        "translation must keep the same links as the source",
                        context,
                        translated.line,
                    )


def _check_h5p(pack):
    """Each lesson's H5P package exists and is valid; no final assessment rests on an H5P score alone.

    A course's final assessment is its last lesson. H5P scores are computed in the learner's browser
    and can be forged, so when that lesson requires its H5P activity it must also have a quiz, which
    the server grades.
    """
    used = set()
    for lesson in pack.lessons.values():
        activity = lesson.meta.h5p
        if activity is None:
            continue
        if activity.file not in pack.h5p:
            _error(pack, lesson.path, f"no H5P package {activity.file!r} in the pack's h5p/ folder", "h5p.file")
        used.add(activity.file)
    for name, path in sorted(pack.h5p.items()):
        if name not in used:
            pack.warnings.append(PackError(name, "this H5P package is not used by any lesson"))
            continue
        try:
            with open_h5p(path):  # a pack's packages carry every library they need
                pass
        except PackInvalid as invalid:
            for error in invalid.errors:
                _error(pack, name, f"{error.file}: {error.message}", error.field, error.line)
    for course in pack.courses.values():
        final = pack.lessons.get(course.meta.lessons[-1])
        if final and final.meta.h5p and final.meta.h5p.required and not final.meta.quiz:
            _error(
                pack,
                final.path,
                "a course's final assessment may not rely on an H5P score alone (browsers can forge it); "
                "add a quiz to this lesson or make its H5P activity optional",
                "h5p.required",
            )
