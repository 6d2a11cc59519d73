"""Rahnuma plugin for workers going to Oman."""
