"""The console's forms: labels, limits and CSRF tokens in one place.

Choices are SelectChoice objects: WTForms 3.3 deprecates plain tuples.
"""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    HiddenField,
    PasswordField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, EqualTo, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from facilitate.domain.errors import UserError


class MultiCheckboxField(SelectMultipleField):
    """Choose any of a list: one checkbox each."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class LoginForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[
        DataRequired(_l("Write your email address.")), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[
        DataRequired(_l("Write your password.")), Length(max=200)])


class PasswordForm(FlaskForm):
    password = PasswordField(_l("New password"),
                             description=_l("At least 10 characters. A few words are fine."),
                             validators=[DataRequired(_l("Choose a new password.")),
                                         Length(min=10, max=200, message=_l(
                                             "Use at least 10 characters (and at most 200)."))])
    confirm = PasswordField(_l("New password again"),
                            validators=[DataRequired(_l("Write the new password again.")),
                                        EqualTo("password",
                                        message=_l("The two passwords are not the same."))])


class EventForm(FlaskForm):
    title = StringField(_l("Title"), validators=[
        DataRequired(_l("Write a title for the event.")), Length(max=200)])
    date = DateField(_l("Date"), validators=[Optional()],
                     description=_l("For example 2026-12-03."))
    venue = StringField(_l("Venue"), validators=[Length(max=200)])
    description = TextAreaField(_l("Description"), validators=[Length(max=3000)],
                                description=_l("What the event is about, in a few sentences."))
    moderation = RadioField(
        _l("What people send"), default="show",
        choices=[SelectChoice("show", _l("Show on the screen at once")),
                 SelectChoice("approve", _l("Wait until a facilitator approves it"))])


class PlanForm(FlaskForm):
    plan = FileField(_l("Plan file"), description=_l("A .toml file that describes the event."),
                     validators=[FileRequired(), FileAllowed(["toml"], _l("Choose a .toml file."))])


class FacilitatorForm(FlaskForm):
    email = EmailField(_l("Their email"), validators=[
        DataRequired(_l("Write their email address.")), Length(max=254)])


class StageForm(FlaskForm):
    kind = SelectField(_l("Kind of stage"), validators=[DataRequired()])
    title = StringField(_l("Title"), validators=[Length(max=120)],
                        description=_l("Leave empty to use the usual name."))


class ConfirmForm(FlaskForm):
    """A form that is only a button (and its CSRF token)."""

    value = HiddenField()


class DeleteEventForm(FlaskForm):
    confirm = StringField(_l("Type the join code to confirm"),
                          validators=[DataRequired(_l("Type the join code.")), Length(max=32)])
    understood = BooleanField(_l("I understand this cannot be undone"),
                              validators=[DataRequired(_l("Tick the box to say you understand."))])


def show_error(form: FlaskForm, error: UserError) -> None:
    """Put a service's error next to the field it is about (or at the top of the form)."""
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        form.form_errors.append(error.message)
