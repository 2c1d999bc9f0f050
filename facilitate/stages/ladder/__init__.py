"""The ladder of co-production: where are we now, where do we want to be, on seven rungs; the
medians, the gap and the split by role group, compared with an earlier event if wanted."""
