"""Rahnuma plugin for workers going to Qatar."""
