"""Logging facilitators in and out (here or everywhere), changing passwords, and the rule every
console page follows: a logged-in facilitator who set their own password, and only their own
events. A login is a row on the server (accounts.start_session): logging out deletes it."""


from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from facilitate.domain.errors import RateLimited, UserError
from facilitate.extensions import login_manager
from facilitate.ratelimits import rate_limits
from facilitate.realtime.broadcast import close_consoles
from facilitate.services import accounts, events
from facilitate.store.models import User
from facilitate.web.forms import LoginForm, PasswordForm, show_error
from facilitate.web.redirects import local_target

bp = Blueprint("auth", __name__, url_prefix="/console")


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """The user of the login the session names; None once it ended."""
    return accounts.user_of_session(session_id)


@bp.route("/login", methods=["GET", "POST"])
def login():
    """The login form; failed tries are limited per email and per address."""
    form = LoginForm()
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        limits, config = rate_limits(), current_app.config
        per_email = ("login-failures", email)
        per_address = ("login-failures-address", request.remote_addr or "")
        if not (limits.allowed(config["LOGIN_FAILURE_LIMIT"], *per_email)
                and limits.allowed(config["LOGIN_FAILURE_LIMIT_PER_ADDRESS"], *per_address)):
            raise RateLimited(_("Too many failed tries. Please wait 15 minutes and try again."))
        user = accounts.authenticate(email, form.password.data)
        if user is None:
            limits.hit(config["LOGIN_FAILURE_LIMIT"], *per_email)
            limits.hit(config["LOGIN_FAILURE_LIMIT_PER_ADDRESS"], *per_address)
            form.form_errors.append(_("That email and password do not match. Try again."))
        else:
            accounts.start_session(user)
            login_user(user, remember=False)
            if user.must_change_password:
                return redirect(url_for("auth.password"))
            return redirect(local_target(request.args.get("next")) or url_for("console.index"))
    status = 422 if form.errors or form.form_errors else 200
    return render_template("console/login.html", form=form), status


@bp.post("/logout")
@login_required
def logout():
    """End this browser's login on the server, not only in its cookie, and its live consoles."""
    user_id, login = current_user.id, current_user.get_id()
    accounts.end_session(current_user)
    close_consoles(user_id, login)
    logout_user()
    flash(_("You are logged out."))
    return redirect(url_for("auth.login"))


@bp.post("/logout-everywhere")
@login_required
def logout_everywhere():
    """End every login of this facilitator (a lost laptop) and close their live consoles."""
    user_id = current_user.id
    accounts.end_every_session(current_user)
    close_consoles(user_id)
    logout_user()
    flash(_("You are logged out on every computer and phone."))
    return redirect(url_for("auth.login"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
def password():
    """Change password; people given a one-time password come here first."""
    form = PasswordForm()
    if form.validate_on_submit():
        try:
            user, _password = accounts.set_password(current_user.email, form.password.data)
        except UserError as error:
            show_error(form, error)
        else:
            accounts.start_session(user)   # this browser stays in; every other one is out
            login_user(user, remember=False)
            flash(_("Your new password is saved."))
            return redirect(url_for("console.index"))
    status = 422 if form.errors or form.form_errors else 200
    return render_template("console/password.html", form=form), status


@login_required
def require_login():
    """Every console page: a logged-in facilitator who has set their own password."""
    if current_user.must_change_password:
        return redirect(url_for("auth.password"))
    return None


def console_blueprint(name: str, import_name: str,
                      url_prefix: str = "/console/events/<code>") -> Blueprint:
    """A blueprint of facilitators' pages: every one of its pages needs require_login."""
    blueprint = Blueprint(name, import_name, url_prefix=url_prefix)
    blueprint.before_request(require_login)
    return blueprint


def my_event(code: str):
    """The event with this code, if the logged-in facilitator runs it; NotFound otherwise."""
    return events.event_for(current_user, code)
