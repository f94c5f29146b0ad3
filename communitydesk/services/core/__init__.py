"""Infrastructure every capability shares: change sets, typed ids, text folding, names, locking."""
