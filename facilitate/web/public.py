"""Pages anyone may open: the front page and the health check."""

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user

from facilitate.store import database

bp = Blueprint("public", __name__)


@bp.get("/")
def home():
    """A facilitator goes to the console; anyone else is told how to join."""
    if current_user.is_authenticated:
        return redirect(url_for("console.index"))
    return render_template("public/home.html")


@bp.get("/healthz")
def health():
    """For proxies and tests: answers once the database answers."""
    database.ping()
    return {"status": "ok"}
