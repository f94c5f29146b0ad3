"""Meetings: planning, series, agenda, minutes, actions and matters arising, documents."""
