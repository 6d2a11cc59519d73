"""Rahnuma: a content and e-learning engine for Migrant Resource Centres."""

__version__ = "0.1.0"
