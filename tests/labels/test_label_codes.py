"""Each port's label code: short, unguessable, unique, and fixed once issued."""

import math

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from labels import codes
from labels.models import PortLabel
from tests.factories import PortFactory

pytestmark = pytest.mark.django_db


def test_it_issues_a_code_from_the_unambiguous_alphabet(port):
    code = port.printed_label.code
    assert len(code) == codes.LENGTH == 10
    assert set(code) <= set(codes.ALPHABET)
    assert not set("01ilo") & set(codes.ALPHABET)


def test_it_draws_codes_too_many_to_guess():
    # Over 48 bits: a million guesses a second find one of a million labels in about nine years.
    assert math.log2(len(codes.ALPHABET)) * codes.LENGTH > 48


def test_it_draws_a_different_code_each_time():
    drawn = {codes.new_code() for _ in range(2000)}
    assert len(drawn) == 2000


def test_it_gives_every_port_its_own_code(station):
    ports = PortFactory.create_batch(20, station=station)
    assert len({port.printed_label.code for port in ports}) == 20


def test_it_keeps_the_code_when_the_port_changes(port):
    code = port.printed_label.code
    port.label = "Left Port"
    port.max_power_kw = 11
    port.save()
    port.refresh_from_db()
    assert port.printed_label.code == code
    assert PortLabel.objects.issue(port).code == code


def test_it_refuses_to_change_an_issued_code(port):
    label = port.printed_label
    label.code = codes.new_code()
    with pytest.raises(ValidationError, match="never changes"):
        label.save()
    assert PortLabel.objects.get(pk=label.pk).code != label.code


def test_it_draws_again_when_a_code_is_taken(station, monkeypatch):
    taken = PortFactory(station=station).printed_label.code
    fresh = codes.new_code()
    draws = iter([taken, fresh])
    monkeypatch.setattr("labels.models.new_code", lambda: next(draws))
    port = PortFactory(station=station)
    assert port.printed_label.code == fresh


def test_it_refuses_two_ports_one_code_in_the_database(station):
    first, second = PortFactory.create_batch(2, station=station)
    second.printed_label.delete()
    with pytest.raises(IntegrityError):
        PortLabel.objects.create(port=second, code=first.printed_label.code)


def test_it_refuses_a_code_of_the_wrong_length_in_the_database(port):
    port.printed_label.delete()
    with pytest.raises(IntegrityError):
        PortLabel.objects.create(port=port, code="abc")


def test_it_explains_a_malformed_code(port):
    label = PortLabel(port=port, code="ABC-0O1lI!")
    with pytest.raises(ValidationError) as error:
        label.clean()
    assert "10 characters from" in error.value.message_dict["code"][0]


def test_it_goes_with_its_port(port):
    port.delete()
    assert not PortLabel.objects.exists()
