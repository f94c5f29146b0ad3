"""The Members screen and its parts."""
