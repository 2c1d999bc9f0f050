"""What each audience sees of a slides stage: the slide on show, made safe on the server."""

from facilitate.stages.slides.rules import clamp_slide, slide_html


def everyone(event, stage) -> dict:
    """The slide on show, as HTML, with its number."""
    sources = list(stage.config.get("slides") or [])
    index = clamp_slide((stage.state or {}).get("slide", 0), len(sources))
    current = slide_html(sources[index]) if sources else ""
    return {"slide": index, "count": len(sources), "html": current}


def console(event, stage) -> dict:
    """The console also gets every slide's Markdown."""
    return {**everyone(event, stage), "sources": list(stage.config.get("slides") or [])}
