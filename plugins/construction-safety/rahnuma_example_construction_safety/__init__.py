"""Example Rahnuma plugin from a fictional vocational training partner: construction-site safety."""
