"""Welcome: how to join. The screen shows a big QR code, the code and how many joined."""
