"""The `facilitate` command; `serve` runs under gevent, so patch before anything else loads."""

import sys


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "serve" and "--threading" not in sys.argv:
        from gevent import monkey

        monkey.patch_all()
    from facilitate.cli import cli

    cli(prog_name="facilitate")


if __name__ == "__main__":
    main()
