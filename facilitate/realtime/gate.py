"""The door client messages come through: names the server keeps for itself never reach a handler.

python-socketio hands a message to the handler of the same name, so a client that sends a
message called ``connect`` would run the connect handler again (joining another event) and one
called ``disconnect`` would cut its own connection off from its later messages; a message
called ``*`` or named by something other than text would reach no handler and answer nothing.
Every such message is renamed ``UNKNOWN`` here, so the catch-all handler counts and refuses it
like any other unknown message.
"""

import socketio

# No handler has this name (it has a space), so the catch-all answers it.
UNKNOWN = "unknown message"


def install(server: socketio.Server) -> None:
    """Rename the messages a client may not send before the server looks up their handler."""
    reserved = {"*", *server.reserved_events}
    handle_event = server._handle_event

    def handle(eio_sid, namespace, ack_id, data):
        if not isinstance(data, list):
            data = [UNKNOWN]
        elif not data or not isinstance(data[0], str) or data[0] in reserved:
            data = [UNKNOWN, *data[1:]]
        return handle_event(eio_sid, namespace, ack_id, data)

    server._handle_event = handle
