"""Open space: attendees propose topics and place them in spaces and times (not built yet)."""
