"""Rahnuma plugin: the core pre-departure orientation every migrant should take first."""
