"""The ladder's console page: compare it with the same subject at an earlier event."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from facilitate.domain.errors import NotFound
from facilitate.domain.ids import record_id
from facilitate.services import snapshots
from facilitate.stages.ladder import earlier
from facilitate.stages.poll import service
from facilitate.web.auth import console_blueprint, my_event
from facilitate.web.forms import ConfirmForm

console = console_blueprint("ladder_console", __name__)


@console.route("/ladders/<int:stage_id>/earlier", methods=["GET", "POST"])
def earlier_page(code: str, stage_id: int):
    """Choose the earlier ladder (from the events this facilitator runs) to compare with."""
    event = my_event(code)
    try:
        stage = service.stage_of(event, stage_id)
    except NotFound:
        abort(404)
    if stage.kind != "ladder":
        abort(404)
    form = ConfirmForm()
    choices = earlier.choices_for(current_user, stage)
    if request.method == "POST" and form.validate_on_submit():
        raw = request.form.get("earlier", "")
        chosen = None if raw in ("", "none") else record_id(raw)
        try:
            if raw not in ("", "none") and chosen is None:
                raise NotFound(_("Choose a ladder from the list."))
            earlier.set_earlier(event, current_user, stage.id, chosen)
        except NotFound as error:
            flash(error.message, "error")
        else:
            flash(_("Saved. The screen shows the earlier answers beside today's once you show "
                    "the results.") if chosen else _("Saved: no comparison."))
        return redirect(url_for(".earlier_page", code=event.code, stage_id=stage.id))
    return render_template("stages/ladder/earlier.html", event=event, stage=stage,
                           choices=choices, current=earlier.earlier_stage(stage),
                           view=snapshots.view_of(event, stage, "console"), button=form)
