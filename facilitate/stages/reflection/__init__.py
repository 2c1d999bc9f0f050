"""Reflection: a question; phones send short answers; the screen shows a wall and a word cloud;
the console lists every answer to hide, show or approve."""
