"""Where bytes come from and how they become records: the repository and every git call,
the safe YAML loader, file analysis, schema validation, the privacy scan, suppressions, the
cache, and the loading pipeline that builds the model.

May import `kring.core` only.
"""
