"""Benchmarks of the engine: installing and upgrading a large generated course pack.

``make bench`` (or ``python -m bench``) prints the timings; see bench/pack_install.py.
"""
