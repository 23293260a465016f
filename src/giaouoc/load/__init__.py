"""Read a year from disk: bytes to text, YAML to plain values with positions, values to records."""
