"""Test-wide settings: no test ever records into the user's own history store."""

from __future__ import annotations

import os

# `mtqg reconcile` records each run in the user's data folder unless told otherwise; the tests
# (and the mtqg processes they start, which inherit this) record only where they say, by --store.
os.environ["MTQG_STORE"] = "off"
