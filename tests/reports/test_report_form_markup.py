"""The report form reads well with a screen reader and a keyboard: one question in a fieldset
with its legend, one radio beside each answer, and the bots' field out of everyone's way."""

import re

import pytest

from reports.models import Problem
from tests.reports.conftest import driver, report_url, send

pytestmark = pytest.mark.django_db


def page(port) -> str:
    response = driver().get(report_url(port))
    assert response.status_code == 200
    return response.text


def test_it_asks_the_question_in_a_fieldset_with_its_legend(port):
    html = page(port)
    fieldset = re.search(r"<fieldset[^>]*>(.*?)</fieldset>", html, re.DOTALL)
    assert fieldset, "no fieldset"
    assert "<legend>What is wrong?</legend>" in fieldset.group(1)
    assert len(re.findall(r'type="radio"', fieldset.group(1))) == len(Problem.values)


def test_it_puts_each_radio_inside_its_own_label(port):
    html = page(port)
    for value, label in Problem.choices:
        found = re.search(
            rf'<label class="choice" for="([^"]+)"><input type="radio" name="problem" '
            rf'value="{value}"[^>]*id="([^"]+)"[^>]*> {re.escape(label)}</label>',
            html,
        )
        assert found, f"no radio beside {label}"
        assert found.group(1) == found.group(2)


def test_it_hides_the_spam_trap_from_screen_readers_and_the_keyboard(port):
    html = page(port)
    trap = re.search(r'<div class="trap" aria-hidden="true">(.*?)</div>', html, re.DOTALL)
    assert trap, "no hidden trap"
    field = re.search(r"<input[^>]*name=\"website\"[^>]*>", trap.group(1)).group()
    assert 'tabindex="-1"' in field
    assert 'autocomplete="off"' in field
    assert html.count('name="website"') == 1


def test_it_shows_the_ports_power_as_drivers_read_it(port):
    port.max_power_kw = "7.20"
    port.save()
    assert "(J1772, 7.2 kW)" in page(port)


def test_it_says_which_answer_is_missing_beside_the_question(port):
    response = driver().post(report_url(port), {"comment": "Something"})
    fieldset = re.search(r'<fieldset class="choices has-error".*?</fieldset>', response.text, re.S)
    assert fieldset, "the question is not marked as the one to fix"
    assert '<p class="error">Choose what is wrong with this port.</p>' in fieldset.group()


def test_it_still_refuses_a_filled_trap(port):
    response = send(port, website="http://bot.example")
    assert "This report looks automated and was not sent." in response.text
