"""Reaching people (#18): who may be contacted by which channel, mail links, drafts, letters."""
