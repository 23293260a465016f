"""The command line: a thin skin over the core (app.py: the Typer app and error mapping; commands/: one module per
command; terminal.py: writing to the terminal)."""
