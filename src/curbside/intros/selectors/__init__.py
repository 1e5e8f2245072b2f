"""Reads for introductions: chains (paths.py); common ground, latent ties and the map
(ground.py)."""
