"""Rahnuma plugin for workers going to the United Arab Emirates."""
