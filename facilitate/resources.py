"""Where templates, static files and example plans are, in a checkout or an installed wheel."""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent


def resource_dir(name: str) -> Path:
    """The folder `name`: inside the installed package first, then beside it in a checkout."""
    installed = PACKAGE_DIR / "_data" / name
    return installed if installed.is_dir() else PROJECT_DIR / name


def examples_dir() -> Path:
    """The example event plans."""
    installed = PACKAGE_DIR / "_data" / "examples"
    return installed if installed.is_dir() else PROJECT_DIR / "sessions" / "examples"


def demo_plan_path() -> Path:
    """The plan the demo event is made from."""
    return examples_dir() / "co-production-open-space.toml"
