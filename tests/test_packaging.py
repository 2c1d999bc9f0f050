"""A non-editable wheel carries templates, static files and example plans."""

import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_wheel_carries_templates_static_and_examples(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(tmp_path), str(REPO)], check=True, capture_output=True)
    wheel = next(tmp_path.glob("facilitate-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "facilitate/_data/templates/base.html" in names
    assert "facilitate/_data/static/css/app.css" in names
    assert "facilitate/_data/examples/co-production-open-space.toml" in names
    assert "facilitate/store/migrations/versions/0001_initial.py" in names
    assert "facilitate/translations/messages.pot" in names


def test_translation_template_lists_the_console_strings():
    from babel.messages.extract import extract_from_dir

    with open(REPO / "babel.cfg") as handle:
        from babel.messages.frontend import parse_mapping_cfg

        method_map, options_map = parse_mapping_cfg(handle)
    found = {message for _, _, message, *_ in extract_from_dir(
        str(REPO), method_map, options_map, keywords={"_": None, "_l": None,
                                                      "lazy_gettext": None, "gettext": None})}
    assert {"Your events", "Log in", "Delete everything", "Email"} <= found
