"""Provides `python -m pmtui`, the same as the `pmtui` command."""

import sys

from pmtui.cli import main

sys.exit(main())
