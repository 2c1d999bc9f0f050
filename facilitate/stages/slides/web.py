"""The slides editor: /console/events/<code>/stages/<id>/slides."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import Length

from facilitate.domain.errors import UserError
from facilitate.services import live
from facilitate.stages.slides import service
from facilitate.web.auth import console_blueprint, my_event

bp = console_blueprint("slides", __name__)


class SlidesForm(FlaskForm):
    """A slides stage's slides as one Markdown text."""

    slides = TextAreaField(_l("Slides"), validators=[Length(max=500_000)],
                           description=_l("Write in Markdown. Put a line with only --- "
                                          "between slides."))


@bp.route("/stages/<int:stage_id>/slides", methods=["GET", "POST"])
def edit(code: str, stage_id: int):
    """Write or change a slides stage's slides."""
    event = my_event(code)
    stage = live.stage_of(event, stage_id)
    form = SlidesForm(formdata=request.form if request.method == "POST" else None,
                      slides=service.slides_text(stage))
    if request.method == "POST" and form.validate_on_submit():
        try:
            service.update_slides(event, stage.id, form.slides.data)
        except UserError as error:
            form.slides.errors = [*form.slides.errors, error.message]
        else:
            flash(_("Slides saved."))
            return redirect(url_for("run.page", code=event.code))
    status = 422 if form.errors else 200
    return render_template("stages/slides/edit.html", event=event, stage=stage,
                           form=form), status
