"""One module per group of routes; main.py includes each router under its prefix."""
