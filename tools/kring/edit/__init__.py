"""What writes network files: the command-line values checked (options), one checked
transaction, the refusal it ends with, the atomic never-overwrite write, the splice that
changes only the bytes of a value, new-file templates and new files, close and follow-up
(recording), and the issue forms of `kring intake` with the submitted body read back and
recorded through the same paths (issue_forms, rendered_body, submission).

May import `kring.core`, `kring.load` and `kring.checks` (every change is checked before and
after it is written).
"""
