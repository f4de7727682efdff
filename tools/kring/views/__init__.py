"""What people read: the due list, the agenda (draft, e-mail, practice), the calendar, history,
the change summary, the report pages and their numbers, the lessons pages, who could help
whom, the export and the koepel's pages, the intake replies, and the Markdown and Mermaid
helpers they share.

May import `kring.core` and `kring.load` (the model as loaded, git history); views read the
findings a run made and never run checks, and never write files.
"""
