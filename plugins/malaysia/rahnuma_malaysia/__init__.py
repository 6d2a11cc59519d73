"""Rahnuma plugin for workers going to Malaysia."""
