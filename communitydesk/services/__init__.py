"""Capabilities as plain Python over a SQLAlchemy ``Session``. No Qt, ever.

Each function takes the session first and returns small frozen dataclasses, so
the CLI and the GUI call the same code and tests need no window.
"""
