"""The host side of plugins: discovery, metadata, per-site activation and checks."""
