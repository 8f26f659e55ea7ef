"""axe-core (WCAG 2.2 AA) finds no serious or critical problem on the pages people reach before signing in."""

import pytest

from tests.browser.conftest import accessibility_problems

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_sign_in_page_has_no_serious_accessibility_problem(page):
    page.goto("/login/")
    assert accessibility_problems(page) == []


def test_the_checker_finds_a_problem_when_there_is_one(page):
    page.goto("/login/")
    page.evaluate("document.querySelector('#id_username').removeAttribute('id')")  # its label now points nowhere
    assert any(problem.startswith("label") for problem in accessibility_problems(page))
