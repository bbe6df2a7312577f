"""Accounts that existed before sign-up confirmed addresses count as confirmed."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("accounts", "0001_initial")]
AFTER = [("accounts", "0002_user_email_confirmed_at")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_it_confirms_the_accounts_already_there():
    old = migrate(BEFORE)
    try:
        old.get_model("accounts", "User").objects.create(
            email="old@example.com", display_name="Old"
        )
        new = migrate(AFTER)
        user = new.get_model("accounts", "User").objects.get(email="old@example.com")
        assert user.email_confirmed_at == user.date_joined
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
