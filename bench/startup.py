"""Start-up time and peak memory of `csa-setup --self-test` against a bare PySide6 wizard.

Run it from the repository root with the program's Python, inside a D-Bus session with
an unlocked keyring (the self-test resolves the keychain before it exits):

    QT_QPA_PLATFORM=offscreen dbus-run-session -- scripts/with-keyring \\
        .venv/bin/python bench/startup.py [--runs 9] [--bundle dist/csa-setup]

Each variant runs as a fresh process, repeatedly and interleaved with the others. One
warm-up round comes first and is not counted. It fills a bytecode cache in a temporary
folder (PYTHONPYCACHEPREFIX, with PYTHONDONTWRITEBYTECODE removed), because an
installed program has one. The figures are medians. For every run it
records:

- to exit: wall time from just before the process is started until it has exited.
  Both the self-test and bench/bare_wizard.py exit right after their first paint, so
  this is the start-to-first-paint time plus what each does after it (the self-test
  resolves the keychain backend then);
- peak memory: the maximum resident set size of the process, from os.wait4;
- first paint and memory at paint: the monotonic clock and VmHWM written to stderr at
  the first paint by bare_wizard.py and by bench/first_paint.py (a wrapper that runs
  the same self-test), for source runs only.

Variants: the bare wizard; the self-test with a new, empty config folder ("fresh");
the self-test with a saved setup that resumes at the JazzHR step, every value filled
in ("resumed"); with --bundle, the bundled program's self-test; with --bare-bundle,
the bare wizard bundled by build.spec's --bare option.

It prints the ratios against the program's targets: start at most 1.25 times the
bare wizard's, peak memory at most 1.15 times, and the bundle's start at most 1.1
times the source run's.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"

TARGET_START = 1.25
TARGET_MEMORY = 1.15
TARGET_BUNDLE_START = 1.10


@dataclass
class Sample:
    wall: float
    peak_kib: int
    paint: float | None = None
    paint_kib: int | None = None


@dataclass
class Variant:
    key: str
    label: str
    command: list[str]
    # "fresh" (a new, empty config folder per run) or "resumed" (a new one with the saved setup).
    config: str | None = None
    samples: list[Sample] = field(default_factory=list)
    keychain: str = ""

    def median(self, attribute: str) -> float | None:
        values = [getattr(sample, attribute) for sample in self.samples]
        values = [value for value in values if value is not None]
        return statistics.median(values) if values else None

    def spread(self, attribute: str) -> tuple[float, float] | None:
        values = [getattr(sample, attribute) for sample in self.samples if getattr(sample, attribute) is not None]
        return (min(values), max(values)) if values else None


class BenchError(Exception):
    pass


def write_resumed_setup(folder: Path) -> None:
    """Save a setup that reopens at the JazzHR step with every earlier value filled in."""
    sys.path.insert(0, str(ROOT))
    from wizard.domain.model import Company, Plan, SetupState, StepId
    from wizard.services.settings_store import SettingsStore

    state = SetupState(
        current_step=StepId.JAZZHR,
        plan=Plan.CORPORATE,
        contract_ids=["123456789"],
        company=Company(
            name="Example Corp",
            website="https://www.example.com",
            business_email="hr@example.com",
            business_phone="+1 415 555 0132",
            logo_path=str(ROOT / "resources" / "icons" / "csa-setup-64.png"),
            logo_width=64,
            logo_height=64,
        ),
        contact_name="Dana Admin",
        contact_email="dana.admin@example.com",
        client_id="86exampleclientid",
        email_sent_on="2026-11-02",
        approved_on="2026-11-09",
        sdk_domain_added=True,
        sdk_domain_updated=True,
    )
    for step in (StepId.BEFORE_START, StepId.CONTRACT, StepId.APPLICATION, StepId.CREDENTIALS,
                 StepId.ACTIVATION_EMAIL, StepId.APPROVAL, StepId.SDK_DOMAIN):
        state.step_completed_at[step.value] = "2026-11-09T10:00:00Z"
    SettingsStore(folder / "setup.json").save(state)


def run_once(variant: Variant, env: dict[str, str], scratch: Path, resumed_setup: Path) -> Sample:
    command = list(variant.command)
    if variant.config is not None:
        config = Path(tempfile.mkdtemp(prefix="config-", dir=scratch))
        if variant.config == "resumed":
            shutil.copy2(resumed_setup, config / "setup.json")
        command += ["--config-dir", str(config)]
    with tempfile.TemporaryFile(dir=scratch) as out, tempfile.TemporaryFile(dir=scratch) as err:
        started = time.monotonic()
        process = subprocess.Popen(command, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env, cwd=ROOT)
        # Unlike Popen.wait, wait4 returns this child's own resource usage.
        _pid, status, usage = os.wait4(process.pid, 0)
        wall = time.monotonic() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode(errors="replace")
        stderr = err.read().decode(errors="replace")
    if process.returncode != 0 or "window: shown and painted" not in stdout:
        raise BenchError(
            f"{variant.label} failed with exit status {process.returncode}:\n{stdout}{stderr[-2000:]}"
        )
    for line in stdout.splitlines():
        if "keychain:" in line:
            variant.keychain = line.split("keychain:", 1)[1].strip()
    sample = Sample(wall=wall, peak_kib=usage.ru_maxrss)
    for line in stderr.splitlines():
        if line.startswith("first-paint "):
            _word, moment, kib = line.split()
            sample.paint = float(moment) - started
            sample.paint_kib = int(kib) or None
    return sample


def machine_description(python: str) -> list[str]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = subprocess.run(
        [python, "-c", "import platform, PySide6; print(platform.python_version(), PySide6.__version__)"],
        capture_output=True, text=True, check=True,
    ).stdout.split()
    return [
        f"date: {time.strftime('%Y-%m-%d %H:%M %Z')}; load average at the start: {_load()}",
        f"machine: {os.cpu_count()} CPUs ({model or platform.processor() or 'unknown model'}), {platform.platform()}",
        f"Python {versions[0]}, PySide6 {versions[1]}, QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM', '')}",
    ]


def _load() -> str:
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _mib(value: float | None) -> str:
    return "-" if value is None else f"{value / 1024:.1f}"


def print_table(variants: list[Variant]) -> None:
    width = max(len(variant.label) for variant in variants)
    print(f"{'':{width}}  {'to exit s':>10} {'(min-max)':>13}  {'peak MiB':>8}  {'paint s':>7}  {'MiB at paint':>12}")
    for variant in variants:
        low, high = variant.spread("wall")
        print(
            f"{variant.label:{width}}  {_seconds(variant.median('wall')):>10} {f'({low:.2f}-{high:.2f})':>13}"
            f"  {_mib(variant.median('peak_kib')):>8}  {_seconds(variant.median('paint')):>7}"
            f"  {_mib(variant.median('paint_kib')):>12}"
        )


def ratio_line(name: str, attribute: str, numerator: Variant, denominator: Variant, target: float) -> str:
    top, bottom = numerator.median(attribute), denominator.median(attribute)
    if top is None or bottom is None:
        return f"{name}: not measured"
    ratio = top / bottom
    verdict = "met" if ratio <= target else f"MISSED by {ratio / target - 1:.0%}"
    # The fastest runs are the least disturbed by other work on the machine.
    fastest = numerator.spread(attribute)[0] / denominator.spread(attribute)[0]
    return f"{name}: {ratio:.2f} (target at most {target:.2f}) {verdict}; fastest runs {fastest:.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9, help="counted runs of each variant (default 9)")
    parser.add_argument("--python", default=sys.executable, help="the Python with the program installed (default: this one)")
    parser.add_argument("--bundle", type=Path, metavar="DIR", help="also time DIR/csa-setup --self-test (a build.spec bundle)")
    parser.add_argument("--bare-bundle", type=Path, metavar="DIR", help="also time DIR/bare-wizard (build.spec -- --bare)")
    parser.add_argument("--no-resumed", action="store_true", help="leave out the resumed-setup variants")
    args = parser.parse_args(argv)

    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # An installed program has its bytecode cached, so the runs use a cache too. It lives
    # in the scratch folder (set below) and the warm-up round fills it.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if not env.get("DBUS_SESSION_BUS_ADDRESS"):
        print("warning: no D-Bus session, so the self-test falls back to keyring's fail backend;"
              " run inside dbus-run-session -- scripts/with-keyring for figures like a desktop's", file=sys.stderr)

    python = args.python
    variants = [
        Variant("bare", "bare PySide6 wizard", [python, str(BENCH / "bare_wizard.py")]),
        Variant("fresh", "self-test, fresh", [python, "-m", "wizard", "--self-test"], config="fresh"),
        Variant("fresh-paint", "self-test, fresh (paint probe)", [python, str(BENCH / "first_paint.py")], config="fresh"),
    ]
    if not args.no_resumed:
        variants += [
            Variant("resumed", "self-test, resumed", [python, "-m", "wizard", "--self-test"], config="resumed"),
            Variant("resumed-paint", "self-test, resumed (paint probe)", [python, str(BENCH / "first_paint.py")], config="resumed"),
        ]
    if args.bundle:
        executable = args.bundle.resolve() / "csa-setup"
        if not os.access(executable, os.X_OK):
            parser.error(f"no executable {executable}")
        variants.append(Variant("bundle", "bundle self-test, fresh", [str(executable), "--self-test"], config="fresh"))
    if args.bare_bundle:
        executable = args.bare_bundle.resolve() / "bare-wizard"
        if not os.access(executable, os.X_OK):
            parser.error(f"no executable {executable}")
        variants.append(Variant("bare-bundle", "bare wizard, bundled", [str(executable)]))

    for line in machine_description(python):
        print(line)
    print(f"runs: {args.runs} of each variant after 1 warm-up round, interleaved; medians")
    with tempfile.TemporaryDirectory(prefix="csa-bench-") as temporary:
        scratch = Path(temporary)
        env["PYTHONPYCACHEPREFIX"] = str(scratch / "pycache")
        resumed_setup_folder = scratch / "resumed"
        resumed_setup_folder.mkdir()
        write_resumed_setup(resumed_setup_folder)
        resumed_setup = resumed_setup_folder / "setup.json"
        try:
            for round_number in range(args.runs + 1):
                for variant in variants:
                    sample = run_once(variant, env, scratch, resumed_setup)
                    if round_number > 0:
                        variant.samples.append(sample)
        except BenchError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1

    by_key = {variant.key: variant for variant in variants}
    keychains = {variant.keychain for variant in variants if variant.keychain}
    print(f"keychain backend in the self-tests: {', '.join(sorted(keychains)) or 'none reported'}")
    print()
    print_table(variants)
    print()
    bare = by_key["bare"]
    fresh = by_key["fresh"]
    print(ratio_line("start, self-test / bare (to exit)", "wall", fresh, bare, TARGET_START))
    print(ratio_line("peak memory, self-test / bare", "peak_kib", fresh, bare, TARGET_MEMORY))
    paint = by_key["fresh-paint"]
    print(ratio_line("  for reference, first paint / bare's", "paint", paint, bare, TARGET_START))
    print(ratio_line("  for reference, memory at paint / bare's", "paint_kib", paint, bare, TARGET_MEMORY))
    if "resumed" in by_key:
        resumed = by_key["resumed"]
        print(ratio_line("resumed start / bare (to exit)", "wall", resumed, bare, TARGET_START))
        print(ratio_line("resumed peak memory / bare", "peak_kib", resumed, bare, TARGET_MEMORY))
        print(ratio_line("  for reference, resumed first paint / bare's", "paint", by_key["resumed-paint"], bare, TARGET_START))
    if "bundle" in by_key:
        print(ratio_line("bundle start / source start", "wall", by_key["bundle"], fresh, TARGET_BUNDLE_START))
    if "bare-bundle" in by_key:
        print(ratio_line("  for reference, bare bundle / bare source", "wall", by_key["bare-bundle"], bare, TARGET_BUNDLE_START))
    print(f"load average at the end: {_load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
