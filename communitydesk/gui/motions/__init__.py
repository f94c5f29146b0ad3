"""Motions, votes, the quorum indicator and AGM elections on screen (#16)."""
