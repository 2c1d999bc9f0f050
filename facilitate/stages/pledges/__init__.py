"""Pledges: people say what they will do after the event, on phones or paper cards; the
screen shows a live wall; organisers follow progress up for months."""
