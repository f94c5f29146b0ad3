"""Membership dues (#17): plans, payments taken offline, standing, exports and the year summary."""
