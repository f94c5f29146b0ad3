"""Printing from the app: choose a meeting, preview the PDF, print or save it."""
