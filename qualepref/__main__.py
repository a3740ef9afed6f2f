"""``python -m qualepref``: the command line."""

import sys

from qualepref.cli import main

sys.exit(main())
