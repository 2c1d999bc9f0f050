"""The facilitator's live control page: /console/events/<code>/run.

Buttons are plain forms posting here (they work without JavaScript); static/js/run.js sends the
same actions over Socket.IO instead, so the screen and phones follow at once. Both paths call
the same services. Each stage kind adds its panel, buttons and actions (its console_template
and console_actions).
"""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import Length

from facilitate import registry
from facilitate.domain.codes import spoken_join_code
from facilitate.domain.errors import UserError
from facilitate.domain.ids import record_id
from facilitate.services import live, participants, room, snapshots
from facilitate.web.auth import console_blueprint, my_event
from facilitate.web.forms import ConfirmForm

bp = console_blueprint("run", __name__)

# The run page's own buttons without JavaScript: /run/<action> with the button's value.
ACTIONS = {
    "stage": lambda event, value: live.go_to_stage(event, record_id(value)),
    "step": lambda event, value: live.step_stage(event, live.BUTTON_STEPS.get(value)),
    "lock": lambda event, value: live.set_locked(event, {"pause": True,
                                                         "resume": False}.get(value)),
    "moderation": live.set_moderation,
    "room": lambda event, value: room.show_on_screen(event, {"show": True,
                                                             "hide": False}.get(value)),
}


class AddressForm(FlaskForm):
    public_url = StringField(_l("Address phones use"), validators=[Length(max=300)],
                             description=_l("Leave empty to use this computer's network "
                                            "address. For example http://192.168.1.20:5000"))


def _back(code: str, anchor: str | None = None):
    return redirect(url_for("run.page", code=code, _anchor=anchor))


@bp.get("/run")
def page(code: str):
    """The control page: agenda, stage on show, moderation, who is here, how to join."""
    event = my_event(code)
    stage = snapshots.current_stage(event)
    url = live.join_url(event, request.host, request.scheme)
    # Another computer reaches this one where phones do, not at this browser's own address.
    screen_link = live.base_url(event, request.host, request.scheme) + url_for(
        "screen.show", code=event.code, key=event.screen_token)
    address = AddressForm(formdata=None, public_url=event.public_url)
    return render_template(
        "console/run.html", event=event, stage=snapshots.view_of(event, stage, "console"),
        join_url=url, spoken=spoken_join_code(event.code), screen_link=screen_link,
        joined=participants.joined_count(event), room=room.view(event), button=ConfirmForm(),
        address_form=address, kind_label=registry.label, is_built=registry.is_built,
        console_templates=registry.console_templates(event))


@bp.post("/run/<action>")
def act(code: str, action: str):
    """One console button without JavaScript: the same services as the live page uses."""
    event = my_event(code)
    form = ConfirmForm()
    if not form.validate_on_submit():
        flash(_("Please try again."), "error")
        return _back(event.code)
    function = ACTIONS.get(action) or registry.console_action(action)
    if function is None:
        return _back(event.code)
    try:
        function(event, form.value.data or "")
    except UserError as error:
        flash(error.message, "error")
    return _back(event.code)


@bp.post("/run/address")
def address(code: str):
    """Change the address in the QR code (or go back to the automatic one)."""
    event = my_event(code)
    form = AddressForm()
    if form.validate_on_submit():
        try:
            live.set_public_url(event, form.public_url.data)
        except UserError as error:
            flash(error.message, "error")
        else:
            flash(_("Phones now use %(url)s",
                    url=live.join_url(event, request.host, request.scheme)))
    return _back(event.code, "joining")
