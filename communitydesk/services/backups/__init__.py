"""Backups and restore, and the day's automatic backup."""
