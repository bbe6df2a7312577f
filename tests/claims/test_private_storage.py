"""Proofs are kept under PRIVATE_MEDIA_ROOT, outside anything a web server publishes."""

from pathlib import Path

import pytest

from tests.claims.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def test_it_keeps_proofs_outside_the_public_media_root(private_media, settings):
    proof = Path(ClaimFactory().proof.path)
    assert proof.is_relative_to(private_media)
    assert not proof.is_relative_to(settings.MEDIA_ROOT)


def test_it_follows_the_private_media_root_setting(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "elsewhere"
    proof = Path(ClaimFactory().proof.path)
    assert proof.is_relative_to(tmp_path / "elsewhere")
