"""`python -m bot`: see bot/cli.py."""
import sys

from .cli import main

sys.exit(main())
