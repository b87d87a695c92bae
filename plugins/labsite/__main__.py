"""``python -m labsite``: the ``labsite`` command."""

from labsite.commands.cli import run

run()
