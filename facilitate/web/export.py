"""The console's workbook download (the pledges kind takes follow-up changes back)."""

import tempfile

from flask import Blueprint, request, send_file
from flask_login import current_user

from facilitate.export.options import event_export
from facilitate.export.workbook import build_workbook, file_name
from facilitate.services import events
from facilitate.web.auth import require_login

bp = Blueprint("export", __name__, url_prefix="/console")
bp.before_request(require_login)

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
@bp.get("/events/<code>/workbook.xlsx")
def download(code: str):
    """The event's workbook; ?hidden=1 includes hidden, waiting and taken-back items, marked."""
    event = events.event_for(current_user, code)
    export = event_export(event, include_hidden=request.args.get("hidden") == "1",
                          host=request.host, scheme=request.scheme)
    # Spooled: a small workbook stays in memory, a big one goes to disk, never both.
    target = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
    build_workbook(export, target)
    target.seek(0)
    response = send_file(target, mimetype=XLSX_MIMETYPE, as_attachment=True,
                         download_name=file_name(export))
    # Personal data: never kept in a browser's or a proxy's cache.
    response.headers["Cache-Control"] = "no-store"
    return response
