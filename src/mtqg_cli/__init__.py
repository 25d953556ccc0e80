"""mtqg: reconcile CTMTQG DTTS&MN disbursement spreadsheets."""

__version__ = "1.0.0"
