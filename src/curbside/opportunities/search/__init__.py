"""Listing search: the words a user types, the parameters, the grid and the index.

`text`, `query`, `params`, `cells` and `display` are pure; `index` writes the search rows
beside the listings; `rank` tells whether bm25 can rank a search cheaply on SQLite;
`selectors.listings` runs the search.
"""
