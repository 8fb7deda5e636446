"""Pure parsing functions: report text in, faithful records out. No Dagster imports here."""
