"""``python -m labsite``: the ``labsite`` command."""

import sys

from labsite.commands.cli import main

sys.exit(main())
