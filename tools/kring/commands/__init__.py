"""One module a command (or two closely related ones); see COMMANDS in kring.cli."""
