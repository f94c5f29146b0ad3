"""Formal decisions at meetings (#16): quorum, motions and votes, elections at the AGM."""
