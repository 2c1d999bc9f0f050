"""facilitate: run live participation events. create_app() builds the Flask app."""

# Imports live inside create_app so `facilitate serve` can patch for gevent before Flask loads.


def create_app(config: dict | None = None):
    """Build the app: defaults, then environment, then `config` (tests pass theirs)."""
    import logging

    from flask import Flask

    from facilitate import cli, ratelimits, realtime, web
    from facilitate import config as settings
    from facilitate.extensions import babel, csrf, login_manager, socketio
    from facilitate.resources import resource_dir
    from facilitate.store import database

    app = Flask(__name__, template_folder=str(resource_dir("templates")),
                static_folder=str(resource_dir("static")))
    app.config.update(settings.default_config())
    app.config.update(config or {})
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = settings.secret_key(app.config["SECRET_KEY_SOURCE"])
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)

    database.init_app(app)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=_choose_locale)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = None
    ratelimits.init_app(app)
    socketio.init_app(app, message_queue=app.config["MESSAGE_QUEUE"],
                      async_mode=app.config.get("ASYNC_MODE"),
                      cors_allowed_origins=app.config.get("CORS_ORIGINS"))
    web.init_app(app)
    realtime.init_app(app)
    cli.init_app(app)
    return app


def _choose_locale() -> str:
    from flask import current_app, request

    return request.accept_languages.best_match(current_app.config["LANGUAGES"]) or "en"
