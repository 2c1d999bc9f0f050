"""The open space on the console without JavaScript: the board's spaces and slots, topics typed
in from paper cards, editing, merging, hiding and moving topics, and Arrange for me."""

from facilitate.web.auth import console_blueprint

console = console_blueprint("open_space_console", __name__)
