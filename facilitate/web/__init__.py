"""The web layer: blueprints, error pages and the security headers every response carries."""

from flask import Flask, render_template, request
from flask_babel import get_locale
from flask_wtf.csrf import CSRFError

from facilitate.domain.errors import NotAllowed, NotFound, RateLimited

# No inline script or style anywhere, so this policy can stay strict.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self' ws: wss:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])


def init_app(app: Flask) -> None:
    """Register blueprints, error pages and response headers."""
    from facilitate import registry
    from facilitate.services import privacy
    from facilitate.web import auth, console, export, join, labels, public, run, screen

    for blueprint in (public.bp, auth.bp, console.bp, join.bp, screen.bp, run.bp, export.bp,
                      *registry.blueprints()):
        app.register_blueprint(blueprint)
    privacy.init_app(app)   # erases contact details whose retention period has ended
    app.context_processor(labels.template_labels)
    app.after_request(_security_headers)
    app.context_processor(lambda: {"html_lang": str(get_locale() or "en")})
    app.register_error_handler(404, _error_page(404))
    app.register_error_handler(NotFound, _error_page(404))
    app.register_error_handler(403, _error_page(403))
    app.register_error_handler(NotAllowed, _error_page(403))
    app.register_error_handler(RateLimited, _error_page(429))
    app.register_error_handler(429, _error_page(429))
    app.register_error_handler(CSRFError, _error_page(400))
    app.register_error_handler(413, _error_page(413))


def _security_headers(response):
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    # Follow-up links carry private tokens: never leak them to other sites.
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers.setdefault("X-Frame-Options", "DENY")
    if request.path.startswith("/console"):
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def _error_page(status: int):
    def handler(error):
        message = getattr(error, "message", None)
        return render_template("errors/error.html", status=status, message=message), status
    return handler
