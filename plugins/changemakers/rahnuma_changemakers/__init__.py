"""Rahnuma plugin training community changemakers to run safe-migration information sessions."""
