"""The block's memory across years: records of earlier years, closing a year, each unit's history (docs/lich-su.md)."""
