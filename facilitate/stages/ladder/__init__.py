"""The ladder of co-production: where are we now, where do we want to be (not built yet)."""
