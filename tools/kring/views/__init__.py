"""What people read: the due list, the agenda, the calendar, history, the change summary,
the report pages, and the Markdown and Mermaid helpers they share.

May import `kring.core`, `kring.load` (the model as loaded, git history) and
`kring.checks` (findings of a run); views never write files.
"""
