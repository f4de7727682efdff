"""The check catalogue: the registry, the context, the runner with its after-passes (unused
suppressions, the per-file cap), and one module per rule.

May import `kring.core` and `kring.load`. Checks never write files.
"""
