"""Every port has a label: made with the port, made in bulk, or there before labels were."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from labels.models import PortLabel
from ports.models import Port
from tests.factories import PortFactory, StationFactory


@pytest.mark.django_db
def test_it_labels_a_port_when_it_is_made(station):
    port = PortFactory(station=station)
    assert PortLabel.objects.filter(port=port).count() == 1


@pytest.mark.django_db
def test_it_labels_ports_made_in_bulk_when_their_sheet_opens(alice_client, station):
    # Imports create ports in bulk, which skips the post_save hook.
    made = Port.objects.bulk_create(
        [PortFactory.build(station=station, label=f"Bay {n}") for n in range(3)]
    )
    assert not PortLabel.objects.filter(port__in=made).exists()
    response = alice_client.get(reverse("labels:sheet", args=[station.pk]))
    assert response.status_code == 200
    for label in PortLabel.objects.filter(port__in=made):
        assert label.short_url in response.text
    assert PortLabel.objects.filter(port__in=made).count() == 3


@pytest.mark.django_db
def test_it_labels_a_port_once_however_often_asked(port):
    code = port.printed_label.code
    PortLabel.objects.issue_missing([port.pk])
    assert PortLabel.objects.issue(port).code == code
    assert PortLabel.objects.count() == 1


BEFORE = [("labels", "0001_initial")]
AFTER = [("labels", "0002_label_existing_ports")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_it_labels_the_ports_already_there_when_migrating():
    station = StationFactory()
    ports = PortFactory.create_batch(3, station=station)
    try:
        migrate(BEFORE)
        PortLabel.objects.all().delete()  # as they stood before labels existed
        migrate(AFTER)
        codes = dict(PortLabel.objects.values_list("port_id", "code"))
        assert set(codes) == {port.pk for port in ports}
        assert len(set(codes.values())) == 3
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
