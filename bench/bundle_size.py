"""Size of the csa-setup bundle against a bare PySide6 wizard bundled the same way.

Run it from the repository root with a Python that has the `build` extra installed:

    .venv/bin/python bench/bundle_size.py [--dist DIR]

It builds build.spec twice, one after the other: the program, and bench/bare_wizard.py
through the spec's --bare option, which applies the same Qt plugin selection, module
exclusions and stripping. It prints both sizes, their ratio against the target (at
most 1.2), and the largest files that only the program's bundle has. With
--dist the bundles are kept in DIR (DIR/csa-setup and DIR/bare-wizard), for example
for bench/startup.py --bundle and --bare-bundle.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 1.2


def build(dist: Path, work: Path, extra: list[str]) -> None:
    command = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
        "--distpath", str(dist), "--workpath", str(work), "build.spec", *extra,
    ]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-3000:] + result.stderr[-3000:])
        raise SystemExit(f"bundle_size: {' '.join(command)} failed")


def files(folder: Path) -> dict[str, int]:
    """Return the size of each regular file in `folder` by relative path, without symbolic links."""
    return {
        str(path.relative_to(folder)): path.stat().st_size
        for path in folder.rglob("*")
        if path.is_file() and not path.is_symlink()
    }


def mib(size: int) -> str:
    return f"{size / 1048576:.1f} MiB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, metavar="DIR", help="keep the bundles in DIR")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="csa-bundle-size-") as temporary:
        scratch = Path(temporary)
        dist = args.dist.resolve() if args.dist else scratch / "dist"
        build(dist, scratch / "work-program", [])
        build(dist, scratch / "work-bare", ["--", "--bare", "bench/bare_wizard.py"])
        program = files(dist / "csa-setup")
        bare = files(dist / "bare-wizard")
    program_size, bare_size = sum(program.values()), sum(bare.values())
    ratio = program_size / bare_size
    print(f"csa-setup:   {mib(program_size)} in {len(program)} files")
    print(f"bare wizard: {mib(bare_size)} in {len(bare)} files")
    verdict = "met" if ratio <= TARGET else f"MISSED by {ratio / TARGET - 1:.0%}"
    print(f"ratio: {ratio:.3f} (target at most {TARGET}) {verdict}")
    # The executables differ by name, so they are compared by role. Each carries the
    # archive of the bundle's Python modules.
    program_exe, bare_exe = program.pop("csa-setup", 0), bare.pop("bare-wizard", 0)
    print(f"executables with the Python module archive: {mib(program_exe)} against {mib(bare_exe)}")
    only = sorted(((size, name) for name, size in program.items() if name not in bare), reverse=True)
    print(f"only in csa-setup: {mib(sum(size for size, _ in only))} in {len(only)} files, the largest:")
    for size, name in only[:10]:
        print(f"    {mib(size):>9}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
