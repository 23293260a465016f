"""The command line, a thin skin over the core: app.py holds the Typer app and maps every way a run ends to an exit
code; commands/ has one module per command (parse options, call one core function, pick a formatter)."""
