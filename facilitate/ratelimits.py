"""Counting tries (failed logins, submissions) per key, in memory or in Redis for many processes."""

from flask import Flask, current_app
from limits import parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from facilitate.domain.errors import RateLimited


class RateLimits:
    """One limiter for the whole app; keys name who is counted, limits say how many tries."""

    def __init__(self, storage_uri: str = "memory://"):
        self.limiter = MovingWindowRateLimiter(storage_from_string(storage_uri))

    def hit(self, limit: str, *key: str) -> bool:
        """Count one try; False when the limit is already used up."""
        return self.limiter.hit(parse(limit), *key)

    def allowed(self, limit: str, *key: str) -> bool:
        """True while tries remain, without counting one."""
        return self.limiter.test(parse(limit), *key)

    def require(self, limit: str, *key: str, message: str = "Too many tries. "
                "Please wait a few minutes and try again.") -> None:
        """Count one try, or raise RateLimited."""
        if not self.hit(limit, *key):
            raise RateLimited(message)

    def reset(self) -> None:
        """Forget every count (tests)."""
        self.limiter.storage.reset()


def init_app(app: Flask) -> None:
    app.extensions["facilitate_rate_limits"] = RateLimits(app.config["RATE_LIMIT_STORAGE"])


def rate_limits() -> RateLimits:
    """The running app's limiter."""
    return current_app.extensions["facilitate_rate_limits"]
