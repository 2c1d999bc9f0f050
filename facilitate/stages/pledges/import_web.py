"""Sending an edited workbook back: /console/events/<code>/progress-import.

New statuses and notes in the Pledges sheet become progress updates (progress_import.py).
"""

from flask import abort, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired

from facilitate.domain.errors import NotFound
from facilitate.services import events
from facilitate.stages.pledges.progress_import import ImportReport, WrongFile, import_progress
from facilitate.web.auth import console_blueprint, my_event

bp = console_blueprint("progress_import", __name__, "/console")

# The workbook of a very big event (20,000 pledges, 50,000 reflections) is about 14 MB.
UPLOAD_LIMIT_MB = 32
# The report lists at most this many rows of each kind; the counts are always complete.
SHOWN_ROWS = 500

REASON_LABELS = {
    "unknown_pledge": _l("There is no pledge with this number in this event."),
    "invalid_status": _l("This status is not one of the choices in the list:"),
    "invalid_note": _l("The note cannot be used."),
    "no_change": _l("Nothing changed."),
    "changed_since": _l("Someone updated this pledge after you downloaded the file. "
                        "Download a new file and make the change there."),
    "withdrawn": _l("The pledger took this pledge back."),
    "duplicate": _l("This pledge number is on more than one row. Only the first row was used."),
}


STATUS_LABELS = {"not_started": _l("Not started"), "in_progress": _l("In progress"),
                 "done": _l("Done"), "could_not_do": _l("Could not do")}


class ProgressImportForm(FlaskForm):
    workbook = FileField(
        _l("Your edited workbook"),
        description=_l("The Excel file (.xlsx) you downloaded from this page, with your changes."),
        validators=[FileRequired(_l("Choose the Excel file to send back.")),
                    FileAllowed(["xlsx"], _l("Choose an Excel workbook: a file ending in .xlsx."))])


@bp.route("/events/<code>/progress-import", methods=["GET", "POST"])
def send_back(code: str):
    """Upload an edited workbook; its new statuses and notes become progress updates."""
    event = my_event(code)
    if (request.content_length or 0) > UPLOAD_LIMIT_MB * 1024 * 1024:
        abort(413)
    form = ProgressImportForm()
    report: ImportReport | None = None
    if form.validate_on_submit():
        try:
            report = import_progress(event, form.workbook.data.stream, author=current_user)
        except WrongFile as error:
            form.workbook.errors = [error.message]
    status = 422 if request.method == "POST" and form.errors else 200
    return _page(event, form, report), status


@bp.errorhandler(413)
def too_big(error):
    """A file over the limit (ours, or the app's): say so on the upload page."""
    code = (request.view_args or {}).get("code", "")
    try:
        # The limit is checked before the login and the event are: check them here too.
        event = events.event_for(current_user, code) if current_user.is_authenticated else None
    except NotFound:
        event = None
    if event is None:
        return render_template("errors/error.html", status=413, message=None), 413
    form = ProgressImportForm(formdata=None)
    form.workbook.errors = [_("The file is too big. The most is %(size)s MB.",
                              size=UPLOAD_LIMIT_MB)]
    return _page(event, form, None), 413


def _page(event, form: ProgressImportForm, report: ImportReport | None) -> str:
    return render_template("stages/pledges/import.html", event=event, form=form, report=report,
                           reasons=REASON_LABELS, status_labels=STATUS_LABELS,
                           limit=UPLOAD_LIMIT_MB, shown=SHOWN_ROWS)
