"""Listing search: the words a user types, the parameters, the grid and the index.

`text`, `query`, `params`, `cells` and `display` are pure; `index` writes the search rows
beside the listings; `selectors.listings` runs the search.
"""
