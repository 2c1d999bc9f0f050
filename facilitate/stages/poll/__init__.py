"""Polls: questions (one choice, several, or a scale) answered on phones or counted on paper,
stepped through from the console, results shown when the facilitator reveals them and split by
role group. The ladder of co-production is built on the poll's answers and messages."""
