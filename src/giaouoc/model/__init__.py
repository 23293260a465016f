"""The domain's typed values: records read from the data files, the loaded Year, ranking results.

Nothing here reads files or imports YAML; see docs/architecture.md.
"""
