"""Rahnuma plugin for workers going to Saudi Arabia."""
