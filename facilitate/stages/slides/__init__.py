"""Slides: Markdown slides made safe on the server, shown one at a time on screen and phones."""
