"""Curbside: find your next physician position through the people you know."""
