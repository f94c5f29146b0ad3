"""`python -m communitydesk` runs the command line (no command starts the GUI)."""

import sys

from communitydesk.cli import main

sys.exit(main())
