"""Domain cores: plain Python, no Django, no I/O of their own."""
