"""Headers of the pledge sheets that the import looks for: change them and old files can no
longer be sent back."""

PLEDGE_NUMBER = "Pledge number"
FOLLOW_UP_STATUS = "Follow-up status"
NEW_NOTE = "New note"
STATUS_WHEN_DOWNLOADED = "Status when downloaded"
PLEDGES_TITLE = "Pledges"
