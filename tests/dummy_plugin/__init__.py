"""A minimal plugin for the plugin-system tests, with one small pack."""
