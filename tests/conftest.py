"""Test-wide settings: no test ever records into the user's own history store."""

from __future__ import annotations

import os
import sys
from pathlib import Path

# `mtqg reconcile` records each run in the user's data folder unless told otherwise; the tests
# (and the mtqg processes they start, which inherit this) record only where they say, by --store.
os.environ["MTQG_STORE"] = "off"

# The generators and helpers at the top of tests/ are imported by bare name from the tests of
# every package folder (tests/read/, tests/e2e/...).
sys.path.insert(0, str(Path(__file__).resolve().parent))
