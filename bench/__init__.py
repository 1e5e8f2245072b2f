"""Benchmarks: `make bench` (`python -m bench`) times the main pages on a large network."""
