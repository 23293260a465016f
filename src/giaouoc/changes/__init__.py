"""A year compared across git revisions: git access and the changes in data and results."""
