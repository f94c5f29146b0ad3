"""The register: expected people, check-in at the door, sheet numbers, import, export."""
