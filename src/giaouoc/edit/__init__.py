"""Change data files safely: new years, YAML edits that keep the diff small, the import plan."""
