"""The frozen bundle's entry point: the same command line as ``python -m communitydesk``."""

import multiprocessing
import sys

from communitydesk.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
