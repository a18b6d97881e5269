"""Command line: starts the window, or runs a subcommand without one.

Qt, httpx and keyring are imported only by the code paths that need them, so
`csa-setup --version` and the subcommands work on a machine without a display.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from wizard import APP_NAME, __version__
from wizard.services import paths


def _common_options() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--config-dir",
        metavar="DIR",
        type=Path,
        default=argparse.SUPPRESS,
        help=f"keep settings and logs in DIR instead of the user's folders (also ${paths.CONFIG_DIR_VARIABLE})",
    )
    common.add_argument(
        "--profile",
        metavar="FILE",
        type=Path,
        default=argparse.SUPPRESS,
        help="load the applicant tracking system's values from FILE instead of the built-in JazzHR profile",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common_options()
    parser = argparse.ArgumentParser(
        prog="csa-setup",
        description=f"{APP_NAME}: set up and check LinkedIn Recruiter Cross System Awareness for JazzHR.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="start the window without user interaction, check resources, profile and keychain, print one line per check and exit",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    checklist = commands.add_parser(
        "checklist",
        parents=[common],
        help="print the setup checklist; exit 1 when a check failed, 2 when the input could not be read",
    )
    checklist.add_argument("--report", metavar="FILE", type=Path, help="check a support report instead of this computer's setup")
    checklist.add_argument("--json", action="store_true", help="print JSON instead of text")
    checklist.add_argument("--live", action="store_true", help="also run the credential test against LinkedIn")

    export = commands.add_parser("export-report", parents=[common], help="write a support report to FILE")
    export.add_argument("file", metavar="FILE", type=Path)

    commands.add_parser(
        "test-credentials",
        parents=[common],
        help="test the saved Client ID and Client Secret against LinkedIn; exit 0 only when accepted",
    )
    return parser


def apply_common_options(args: argparse.Namespace) -> None:
    """Point the program at --config-dir; every subcommand calls this first."""
    config_dir = getattr(args, "config_dir", None)
    if config_dir is not None:
        os.environ[paths.CONFIG_DIR_VARIABLE] = str(config_dir.expanduser().resolve())


def profile_path(args: argparse.Namespace) -> Path:
    given = getattr(args, "profile", None)
    return given.expanduser() if given is not None else paths.default_profile_file()


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    apply_common_options(args)
    if args.command == "checklist":
        from wizard.commands import checklist

        return checklist.run(args)
    if args.command == "export-report":
        from wizard.commands import checklist

        return checklist.run_export(args)
    if args.command == "test-credentials":
        from wizard.commands import test_credentials

        return test_credentials.run(args)

    from wizard.services.platform_check import platform_problem

    problem = platform_problem()
    if problem:
        print(f"csa-setup: {problem}", file=sys.stderr)
        return 3
    from wizard.ui import app

    return app.run(args)
