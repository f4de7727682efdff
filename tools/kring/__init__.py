"""kring: a plain-text, git-based home for knowledge networks."""

__version__ = "0.1.0"
