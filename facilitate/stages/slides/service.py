"""Slides: move through them, and write or change them while the event runs."""

import re

from facilitate.domain.errors import UserError
from facilitate.domain.text import clean_text
from facilitate.realtime.broadcast import announce
from facilitate.services import live, snapshots
from facilitate.stages.slides.rules import clamp_slide
from facilitate.store.models import Event, Stage

SLIDE_SEPARATOR = re.compile(r"^\s*---\s*$", re.MULTILINE)


def move_slide(event: Event, step: object = None, slide: object = None) -> int:
    """Show the next/previous slide (step 1/-1) or slide number `slide` of the current stage."""
    stage = snapshots.current_stage(event)
    if stage is None or stage.kind != "slides":
        raise UserError("The stage on show has no slides.")
    count = len(stage.config.get("slides") or [])
    now = clamp_slide((stage.state or {}).get("slide", 0), count)
    if live.is_step(step) and slide is None:
        target = clamp_slide(now + step, count)
    elif step is None and isinstance(slide, int) and not isinstance(slide, bool):
        if not 0 <= slide < count:
            raise UserError("There is no slide with that number.", "slide")
        target = slide
    else:
        raise UserError("Give a step of 1 or -1, or a slide number.", "step")
    if target != now:
        stage.state = {**(stage.state or {}), "slide": target}
        live.announce_stage(event)
    return target


def step_by_button(event: Event, value: str) -> int:
    """The run page's Next slide / Previous slide buttons without JavaScript."""
    return move_slide(event, live.BUTTON_STEPS.get(value))


def update_slides(event: Event, stage_id: object, text: object) -> Stage:
    """Replace a slides stage's slides with Markdown text, slides split by lines of ---."""
    stage = live.stage_of(event, stage_id)
    if stage.kind != "slides":
        raise UserError("That stage has no slides.")
    source = clean_text(text, limit=100 * 5000, field="slides", label="Slides", multiline=True)
    slides = [part.strip() for part in SLIDE_SEPARATOR.split(source) if part.strip()]
    if not slides:
        raise UserError("Write at least one slide.", "slides")
    if len(slides) > 100:
        raise UserError("There can be at most 100 slides.", "slides")
    if any(len(part) > 5000 for part in slides):
        raise UserError("A slide is too long. The most is 5000 characters.", "slides")
    stage.config = {**(stage.config or {}), "slides": slides}
    stage.state = {**(stage.state or {}),
                   "slide": clamp_slide((stage.state or {}).get("slide", 0), len(slides))}
    if event.current_stage_id == stage.id:
        live.announce_stage(event)
    else:
        announce(event, "agenda_changed", {}, ("console",))
    return stage


def slides_text(stage: Stage) -> str:
    """A slides stage's slides as one text to edit, split by lines of ---."""
    return "\n\n---\n\n".join(stage.config.get("slides") or [])
