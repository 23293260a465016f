"""One module per subcommand: parse options, call the core, print, return the exit code."""
