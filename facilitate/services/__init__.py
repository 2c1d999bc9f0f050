"""Use cases: load, apply a domain rule, save, announce. Web, realtime and CLI all call these."""
