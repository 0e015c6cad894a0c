"""Demo content for the charity family (filled in by its issue work)."""


def load(demo):
    """Create this family's demo content under ``demo.home``."""
