"""The member list: records, import, export, duplicates, leaving and archiving."""
