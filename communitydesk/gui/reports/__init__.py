"""The Reports screen: attendance numbers, tables, charts and exports for treasurers."""
