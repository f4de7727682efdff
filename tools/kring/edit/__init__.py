"""What writes network files: one checked transaction, the atomic never-overwrite write,
the splice that changes only the bytes of a value, new-file templates, close and follow-up.

May import `kring.core`, `kring.load` and `kring.checks` (every change is checked before and
after it is written).
"""
