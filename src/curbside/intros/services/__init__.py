"""Writes for introductions: requests marked sent (requests.py), latent ties recorded
(latent.py)."""
