"""A believable demo group for trying the program and for screenshots."""
