"""Rahnuma plugin warning against irregular routes to Europe and visa scams, with the legal ways to go."""
