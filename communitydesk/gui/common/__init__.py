"""What every screen shares: loading through the runner, tables, saving with conflicts, dates, small widgets."""
