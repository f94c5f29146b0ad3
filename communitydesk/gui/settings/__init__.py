"""Edit → Settings… and the choosers it shares with the first-run screen."""
