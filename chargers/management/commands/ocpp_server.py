"""Runs the OCPP 1.6J central system: `python manage.py ocpp_server --port 9000`.

Stops cleanly on SIGTERM or Ctrl-C: connections are closed (the chargers reconnect) and
the database connections with them.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from chargers.server import run


class Command(BaseCommand):
    help = "Serve OCPP 1.6J chargers over WebSocket at /ocpp/1.6/<charge point id>."

    def add_arguments(self, parser):
        parser.add_argument(
            "--host",
            default=getattr(settings, "OCPP_HOST", "127.0.0.1"),
            help="Address to listen on (default %(default)s; 0.0.0.0 for every interface).",
        )
        parser.add_argument(
            "--port", type=int, default=getattr(settings, "OCPP_PORT", 9000), help="Port."
        )
        parser.add_argument(
            "--reuse-port",
            action="store_true",
            help="Let several ocpp_server processes listen on the same port (Linux shares "
            "the connections among them).",
        )

    def handle(self, *args, host, port, reuse_port, **options):
        if not 0 < port < 65536:
            raise CommandError(f"--port {port} is not a TCP port: choose one from 1 to 65535.")
        self.stdout.write(
            f"OCPP 1.6J central system on ws://{host}:{port}/ocpp/1.6/<charge point id> "
            "(Ctrl-C stops it)"
        )
        try:
            run(host, port, reuse_port=reuse_port)
        except OSError as error:
            raise CommandError(
                f"Cannot listen on {host}:{port} ({error.strerror}): choose another --port, "
                "or stop what holds it."
            ) from error
