"""Opportunities: the physician's job pipeline, job listings from boards, search and fit."""
