"""The command line: click options turned into settings, one call into the stages each.

May import every other package; nothing imports it. Heavy modules (the loader, jsonschema,
GitPython) are imported inside the commands that need them, so `kring --version` starts fast.
"""
