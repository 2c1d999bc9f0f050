"""The `facilitate` command: serve, manage accounts and events, upgrade the database."""

from pathlib import Path

import click
from flask import Flask

from facilitate.domain.errors import UserError
from facilitate.domain.plans import PlanError


def _app(ctx: click.Context, **config) -> Flask:
    """The app under test (click's obj) or a new one."""
    if isinstance(ctx.obj, Flask):
        return ctx.obj
    from facilitate import create_app

    return create_app(config)


@click.group(help="Run live participation events: presenter screen, phones, pledges, export.")
def cli():
    pass


def init_app(app: Flask) -> None:
    """Also offer the commands as `flask --app facilitate ...`."""
    app.cli.add_command(user)
    app.cli.add_command(event)
    app.cli.add_command(database)
    app.cli.add_command(retention)
    app.cli.add_command(export_workbook)
    app.cli.add_command(import_progress)


# -- serve --------------------------------------------------------------------------------

@cli.command(help="Serve the app. Phones on the same network can join.")
@click.option("--host", default="0.0.0.0", show_default=True,
              help="Address to listen on. The default lets phones on the network join.")
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--demo", is_flag=True, help="Load the example event, live, ready to try.")
@click.option("--threading", is_flag=True, help="Use threads instead of gevent (for debugging).")
@click.pass_context
def serve(ctx, host: str, port: int, demo: bool, threading: bool):
    from facilitate import network
    from facilitate.extensions import socketio
    from facilitate.services import demo as demo_service

    app = _app(ctx, ASYNC_MODE="threading" if threading else "gevent")
    with app.app_context():
        created = demo_service.first_account()
        demo_event = demo_service.ensure_demo_event() if demo else None
        base = network.base_url(host, port, app.config["PUBLIC_URL"])
        click.echo(f"facilitate is running. Console: {base}/console")
        if created:
            user, password = created
            click.echo(f"First run: made a facilitator account {user.email} "
                       f"with the one-time password: {password}")
            click.echo("You choose your own password when you first log in.")
        if demo_event is not None:
            click.echo(f"Demo event \"{demo_event.title}\": join code {demo_event.code}, "
                       f"phones open {base}/j/{demo_event.code}")
        if host in ("127.0.0.1", "localhost", "::1"):
            click.echo("Listening on this computer only: phones cannot join. "
                       "Use --host 0.0.0.0 to let them.")
    socketio.run(app, host=host, port=port, allow_unsafe_werkzeug=True, log_output=False)


# -- accounts -----------------------------------------------------------------------------

@cli.group(help="Facilitator accounts.")
def user():
    pass


@user.command("add", help="Make a facilitator account. Without --password, a one-time one.")
@click.argument("email")
@click.option("--name", default="", help="The person's name.")
@click.option("--password", default=None, help="Their password (at least 10 characters).")
@click.pass_context
def user_add(ctx, email: str, name: str, password: str | None):
    from facilitate.services import accounts

    with _app(ctx).app_context():
        try:
            made, chosen = accounts.create_user(email, password, name)
        except UserError as error:
            raise click.ClickException(error.message) from error
        click.echo(f"Account made for {made.email}.")
        if password is None:
            click.echo(f"One-time password: {chosen}  (they choose their own at first login)")


@user.command("passwd", help="Give an account a new password (one-time unless --password).")
@click.argument("email")
@click.option("--password", default=None)
@click.pass_context
def user_passwd(ctx, email: str, password: str | None):
    from facilitate.services import accounts

    with _app(ctx).app_context():
        try:
            made, chosen = accounts.set_password(email, password)
        except UserError as error:
            raise click.ClickException(error.message) from error
        click.echo(f"Password changed for {made.email}.")
        if password is None:
            click.echo(f"One-time password: {chosen}  (they choose their own at first login)")


# -- events -------------------------------------------------------------------------------

@cli.group(help="Events.")
def event():
    pass


@event.command("create", help="Create an event from a plan file (TOML).")
@click.option("--plan", "plan_path", required=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--owner", default=None, help="Email of the facilitator who owns it. "
              "Needed when there is more than one account.")
@click.pass_context
def event_create(ctx, plan_path: Path, owner: str | None):
    from facilitate import network
    from facilitate.services import accounts, events
    from facilitate.services.demo import default_owner

    app = _app(ctx)
    with app.app_context():
        owner_user = accounts.find_user(owner) if owner else default_owner()
        if owner_user is None:
            raise click.ClickException("No such facilitator. Make one with "
                                       "`facilitate user add EMAIL`, or name one with --owner.")
        try:
            made = events.create_event_from_plan_text(owner_user, plan_path.read_bytes())
        except PlanError as error:
            lines = "\n".join(f"  {problem}" for problem in error.problems)
            raise click.ClickException(f"{plan_path} cannot be used. Nothing was made.\n"
                                       f"{lines}") from error
        base = network.base_url("0.0.0.0", 5000, app.config["PUBLIC_URL"])
        click.echo(f"Created \"{made.title}\". Join code: {made.code}")
        click.echo(f"Console: {base}/console/events/{made.code}")
        click.echo(f"Phones:  {base}/j/{made.code}")


@event.command("list", help="List every event.")
@click.pass_context
def event_list(ctx):
    from sqlalchemy import select

    from facilitate.extensions import db
    from facilitate.store.models import Event

    with _app(ctx).app_context():
        rows = db.session.scalars(select(Event).order_by(Event.created_at)).all()
        if not rows:
            click.echo("No events yet.")
        for row in rows:
            date = row.date.isoformat() if row.date else "no date"
            click.echo(f"{row.code}  {row.status:<6}  {date:<10}  {row.title}")


@event.command("delete", help="Erase an event and all its data, personal data included.")
@click.argument("code")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_context
def event_delete(ctx, code: str, yes: bool):
    from facilitate.services import events

    with _app(ctx).app_context():
        found = events.find_event(code)
        if found is None:
            raise click.ClickException(f"There is no event with the code {code}.")
        if not yes:
            click.confirm(f"Erase \"{found.title}\" ({found.code}) and everything people sent "
                          "to it? This cannot be undone.", abort=True)
        events.delete_event(found)
        click.echo(f"Deleted {code.upper()} and all its data.")


# -- data protection ----------------------------------------------------------------------

@cli.command(help="Erase the email addresses of events whose retention period has ended. "
             "The server also does this when it starts and once a day.")
@click.option("--today", default=None, metavar="YYYY-MM-DD",
              help="Act as if today were this date: erases what is due by then.")
@click.pass_context
def retention(ctx, today: str | None):
    import datetime as dt

    from facilitate.services import privacy

    try:
        day = dt.date.fromisoformat(today) if today else None
    except ValueError as error:
        raise click.BadParameter("Write the date like 2027-06-03.", param_hint="--today") \
            from error
    with _app(ctx, RETENTION_ON_START=False).app_context():
        erased = privacy.erase_expired_contacts(day)
        for code, count in erased:
            click.echo(f"{code}: erased {count} email addresses.")
        if not erased:
            click.echo("No email addresses were due to be erased.")


# -- database -----------------------------------------------------------------------------

@cli.group("db", help="The database.")
def database():
    pass


@database.command("upgrade", help="Bring the database schema up to date.")
@click.pass_context
def db_upgrade(ctx):
    from facilitate.store.database import current_revision, upgrade

    with _app(ctx, AUTO_UPGRADE=False).app_context():
        upgrade()
        click.echo(f"Database is at revision {current_revision()}.")


# -- Excel workbook -----------------------------------------------------------------------

@cli.command("export", help="Write an event's Excel workbook: summary, pledges, progress, "
             "reflections and participants.")
@click.argument("code")
@click.option("-o", "--output", required=True, help="The .xlsx file to write.",
              type=click.Path(dir_okay=False, writable=True, path_type=Path))
@click.option("--include-hidden", is_flag=True,
              help="Also include hidden, waiting and taken-back items, greyed out.")
@click.pass_context
def export_workbook(ctx, code: str, output: Path, include_hidden: bool):
    from facilitate.export.options import event_export
    from facilitate.export.workbook import build_workbook
    from facilitate.services import events

    with _app(ctx).app_context():
        found = events.find_event(code)
        if found is None:
            raise click.ClickException(f"There is no event with the code {code}.")
        export = event_export(found, include_hidden=include_hidden)
        build_workbook(export, str(output))
        click.echo(f"Wrote the workbook of \"{found.title}\" ({found.code}) to {output}.")


@cli.command("import-progress", help="Record the follow-up changes made in an event's "
             "workbook (Follow-up status and New note on the Pledges sheet).")
@click.argument("code")
@click.argument("workbook", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_context
def import_progress(ctx, code: str, workbook: Path):
    from facilitate.services import events
    from facilitate.stages.pledges.progress_import import WrongFile
    from facilitate.stages.pledges.progress_import import import_progress as apply_changes

    with _app(ctx).app_context():
        found = events.find_event(code)
        if found is None:
            raise click.ClickException(f"There is no event with the code {code}.")
        with workbook.open("rb") as stream:
            try:
                report = apply_changes(found, stream)
            except WrongFile as error:
                raise click.ClickException(error.message) from error
        click.echo(f"Changes recorded as progress updates: {len(report.applied)}")
        click.echo(f"Rows with nothing new: {report.unchanged}")
        click.echo(f"Rows that could not be used: {len(report.problems)}")
        for row in report.problems:
            pledge = f"pledge {row.pledge_id}" if row.pledge_id is not None else "no pledge number"
            click.echo(f"  row {row.row} ({pledge}): {row.message}")
