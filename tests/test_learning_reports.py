"""The staff's learning reports: completions by site, course, language and week (with tallies), quiz item
analysis, the admin pages and their permission, CSV and XLSX downloads, the SVG chart, and records naming
the site they were made on."""

import csv
import io
import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta
from itertools import count

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import Site

from cms.learning.charts import PLOT_HEIGHT, Bar, bar_chart
from cms.learning.models import CourseCompletion, Learner, LearningTally, LessonProgress, QuizAttempt
from cms.learning.reports import (
    CompletionRow,
    ReportFilter,
    completion_rows,
    item_analysis,
    quiz_summaries,
    weekly_totals,
)
from cms.packs.importer import install_pack
from tests.learning_helpers import CONTRACT_RIGHT, CONTRACT_URL, post_quiz

pytestmark = pytest.mark.django_db

PACK = "example.atlantis"
COURSE = "atlantis-course"
QUIZ = "atlantis-contract-check"
LESSON = "atlantis-contract"
WEEK_2 = date(2026, 1, 5)  # Monday of 2026-W02
WEEK_3 = date(2026, 1, 12)
WEEK_5 = date(2026, 1, 26)
_tokens = count()


def moment(day: date, hour=12) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def complete(site, day, language="en", course=COURSE):
    return CourseCompletion.objects.create(
        learner=Learner.objects.create(),
        pack_id=PACK,
        course_key=course,
        language=language,
        site=site,
        completed_at=moment(day),
    )


def attempt(learner, answers, day=WEEK_2, site=None, hour=12, passed=False):
    return QuizAttempt.objects.create(
        learner=learner,
        pack_id=PACK,
        quiz_key=QUIZ,
        lesson_key=LESSON,
        language="en",
        answers=answers,
        score_percent=100 if passed else 0,
        passed=passed,
        submitted_at=moment(day, hour),
        token=f"token-{next(_tokens)}",
        site=site,
    )


@pytest.fixture
def other_site(site):
    return Site.objects.create(hostname="centre-two", port=80, root_page=site.root_page, site_name="Centre two")


@pytest.fixture
def completions(site, other_site):
    complete(site, WEEK_2)
    complete(site, WEEK_2 + timedelta(days=3))  # the same week
    complete(site, WEEK_2, language="ur")
    complete(other_site, WEEK_3)
    complete(site, WEEK_5, course="other-course")
    return site, other_site


def test_completions_are_counted_by_site_course_language_and_iso_week(completions):
    site, other_site = completions
    rows = completion_rows()
    assert rows == [
        CompletionRow(site.pk, PACK, COURSE, "en", WEEK_2, 2),
        CompletionRow(site.pk, PACK, COURSE, "ur", WEEK_2, 1),
        CompletionRow(other_site.pk, PACK, COURSE, "en", WEEK_3, 1),
        CompletionRow(site.pk, PACK, "other-course", "en", WEEK_5, 1),
    ]
    assert rows[0].iso_week == "2026-W02"


def test_completion_filters_by_site_course_and_whole_weeks(completions):
    _, other_site = completions
    assert {row.site_id for row in completion_rows(ReportFilter(site_id=other_site.pk))} == {other_site.pk}
    assert sum(row.completions for row in completion_rows(ReportFilter(course=(PACK, "other-course")))) == 1
    # Wednesday to Wednesday still means the whole of weeks 3 to 5.
    in_weeks = completion_rows(ReportFilter(start=date(2026, 1, 14), end=date(2026, 1, 28)))
    assert [(row.week, row.completions) for row in in_weeks] == [(WEEK_3, 1), (WEEK_5, 1)]


def test_a_sunday_night_completion_counts_in_its_week_in_the_site_time_zone(site):
    # 23:30 on Sunday 11 January in Karachi is still week 2 there, though UTC has it at 18:30.
    CourseCompletion.objects.create(
        learner=Learner.objects.create(),
        pack_id=PACK,
        course_key=COURSE,
        language="en",
        site=site,
        completed_at=timezone.make_aware(datetime(2026, 1, 11, 23, 30)),
    )
    assert [row.week for row in completion_rows()] == [WEEK_2]


def test_tallies_count_with_records_and_weekly_totals_fill_empty_weeks(completions):
    site, _ = completions
    LearningTally.objects.create(site=site, pack_id=PACK, course_key=COURSE, language="en", week=WEEK_2, completions=4)
    LearningTally.objects.create(site=site, pack_id=PACK, quiz_key=QUIZ, language="en", week=WEEK_2, attempts=9)
    rows = completion_rows(ReportFilter(site_id=site.pk))
    assert rows[0] == CompletionRow(site.pk, PACK, COURSE, "en", WEEK_2, 6)
    assert weekly_totals(rows) == [(WEEK_2, 7), (WEEK_3, 0), (date(2026, 1, 19), 0), (WEEK_5, 1)]


@pytest.fixture
def contract_lesson(site, pack_copy):
    install_pack(pack_copy, site)
    return site


def test_item_analysis_counts_first_attempts_and_sorts_the_worst_question_first(contract_lesson):
    first, second, third, fourth = (Learner.objects.create() for _ in range(4))
    attempt(first, {"q1": ["a"], "q2": ["b"]}, hour=9)
    attempt(first, {"q1": ["a"], "q2": ["a"]}, hour=10, passed=True)  # a second attempt: not counted
    attempt(second, {"q1": ["b"], "q2": ["b"]})
    attempt(third, {"q1": ["a"], "q2": []})  # q2 not answered
    attempt(fourth, {"q1": ["a"], "q2": ["gone"]})  # a choice an upgrade removed: not an answer

    analysis = item_analysis(PACK, QUIZ)
    assert analysis.learners == 4 and analysis.lesson.locale.language_code == "en"
    by_key = {question.key: question for question in analysis.questions}
    assert [question.key for question in analysis.questions] == ["q2", "q1"]
    assert (by_key["q2"].answered, by_key["q2"].wrong, by_key["q2"].wrong_share) == (2, 2, 1.0)
    assert (by_key["q1"].answered, by_key["q1"].wrong, by_key["q1"].wrong_share) == (4, 1, 0.25)
    assert by_key["q1"].prompt == "When should you read your contract?"
    assert item_analysis(PACK, QUIZ, ReportFilter(start=WEEK_3)).learners == 0
    assert quiz_summaries() == [quiz_summaries()[0]] and quiz_summaries()[0].attempts == 5
    assert quiz_summaries()[0].passes == 1 and quiz_summaries()[0].lesson_key == LESSON


def test_records_made_through_the_lesson_page_name_their_site(client, contract_lesson):
    post_quiz(client, CONTRACT_URL.format(language="en"), CONTRACT_RIGHT)
    site = contract_lesson
    assert QuizAttempt.objects.get().site == site
    assert LessonProgress.objects.get().site == site
    assert CourseCompletion.objects.get().site == site


# The admin pages


def staff_user(*, permission: bool):
    user = get_user_model().objects.create_user("staff", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    if permission:
        user.user_permissions.add(Permission.objects.get(codename="view_learning_reports"))
    return user


def test_the_permission_is_granted_to_editors_and_moderators_by_the_migration(db):
    for name in ("Editors", "Moderators"):
        assert Group.objects.get(name=name).permissions.filter(codename="view_learning_reports").exists()


def test_a_user_without_the_permission_is_refused_and_sees_no_menu_item(client, completions):
    client.force_login(staff_user(permission=False))
    for url in ("/admin/learning-reports/", "/admin/learning-reports/quizzes/", "/admin/learning-reports/?export=csv"):
        response = client.get(url)
        # Wagtail's admin answers PermissionDenied with a redirect to its dashboard and a message.
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home"), url
    assert "Learning reports" not in client.get("/admin/").content.decode()


def test_the_completions_page_shows_the_table_chart_and_menu_item(client, completions):
    client.force_login(staff_user(permission=True))
    page = client.get("/admin/learning-reports/").content.decode()
    assert "Learning reports" in client.get("/admin/").content.decode()
    assert "<svg" in page and '<th scope="row">2026-W04</th><td>0</td>' in page
    assert "<td>2026-W03</td><td>Centre two</td>" in page


def test_bad_filters_are_reported_by_field_and_refused_for_downloads(client, completions):
    client.force_login(staff_user(permission=True))
    page = client.get("/admin/learning-reports/", {"start": "2026-02-01", "end": "2026-01-01"}).content.decode()
    assert "To: The end date is before the start date." in page
    assert "From: Enter a valid date." in client.get("/admin/learning-reports/", {"start": "soon"}).content.decode()
    refused = client.get("/admin/learning-reports/", {"start": "soon", "export": "csv"})
    assert refused.status_code == 400 and b"start" in refused.content
    unknown = client.get("/admin/learning-reports/", {"export": "pdf"})
    assert unknown.status_code == 400 and b"export: unknown format 'pdf'" in unknown.content


def test_completions_download_as_csv_and_xlsx_with_the_filtered_numbers(client, completions):
    site, _ = completions
    client.force_login(get_user_model().objects.create_superuser("boss", password="x"))
    filters = {"site": site.pk, "course": f"{PACK}:{COURSE}"}
    response = client.get("/admin/learning-reports/", {**filters, "export": "csv"})
    assert response["Content-Disposition"] == 'attachment; filename="learning-completions.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        ["Week", "Site", "Pack", "Course", "Language", "Completions"],
        ["2026-W02", "Rahnuma", PACK, COURSE, "en", "2"],
        ["2026-W02", "Rahnuma", PACK, COURSE, "ur", "1"],
    ]
    response = client.get("/admin/learning-reports/", {**filters, "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [list(row) for row in sheet.iter_rows(values_only=True)] == [
        ["Week", "Site", "Pack", "Course", "Language", "Completions"],
        ["2026-W02", "Rahnuma", PACK, COURSE, "en", 2],
        ["2026-W02", "Rahnuma", PACK, COURSE, "ur", 1],
    ]


def test_item_analysis_page_and_downloads(client, contract_lesson):
    for answers in ({"q1": ["a"], "q2": ["b"]}, {"q1": ["gone"], "q2": ["b"]}, {"q1": ["a"], "q2": ["a"]}):
        attempt(Learner.objects.create(), answers)
    client.force_login(staff_user(permission=True))
    listing = client.get("/admin/learning-reports/quizzes/").content.decode()
    assert f"quiz_key={QUIZ}" in listing
    query = {"pack_id": PACK, "quiz_key": QUIZ}
    page = client.get("/admin/learning-reports/quizzes/", query).content.decode()
    assert "first attempt of each learner (3 learners)" in page
    assert page.index("What do you do?") < page.index("When should you read your contract?")
    response = client.get("/admin/learning-reports/quizzes/", {**query, "export": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1:] == [
        ["q2", "What do you do?", "3", "2", "66.7"],
        ["q1", "When should you read your contract?", "2", "0", "0.0"],
    ]
    response = client.get("/admin/learning-reports/quizzes/", {**query, "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [row for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        ("q2", "What do you do?", 3, 2, 66.7),
        ("q1", "When should you read your contract?", 2, 0, 0),
    ]


def test_text_starting_like_a_formula_stays_text_in_downloads():
    from cms.learning.exports import Table, csv_bytes, xlsx_bytes

    table = Table("t", ["Prompt"], [["=1+1"]])
    assert csv_bytes(table).decode("utf-8-sig").splitlines()[1] == "'=1+1"
    cell = load_workbook(io.BytesIO(xlsx_bytes(table))).active["A2"]
    assert (cell.value, cell.data_type) == ("=1+1", "s")


# The chart


def test_the_chart_has_one_bar_per_week_with_heights_to_scale_and_labels():
    svg = bar_chart(
        [Bar("2026-W02", 4), Bar("2026-W03", 0), Bar("2026-W04", 2)],
        title="Completions <per week>",
        description="Weekly completions.",
        chart_id="chart",
    )
    namespace = {"svg": "http://www.w3.org/2000/svg"}
    root = ET.fromstring(str(svg))
    assert root.get("role") == "img" and root.get("aria-labelledby") == "chart-title chart-desc"
    assert root.find("svg:title", namespace).text == "Completions <per week>"
    assert root.find("svg:desc", namespace).text == "Weekly completions."
    bars = root.findall("svg:g[@class='bar']", namespace)
    assert [float(bar.find("svg:rect", namespace).get("height")) for bar in bars] == [PLOT_HEIGHT, 0, PLOT_HEIGHT / 2]
    assert [bar.find("svg:text", namespace).text for bar in bars] == ["2026-W02", "2026-W03", "2026-W04"]
    assert [bar.find("svg:rect/svg:title", namespace).text for bar in bars] == [
        "2026-W02: 4",
        "2026-W03: 0",
        "2026-W04: 2",
    ]
