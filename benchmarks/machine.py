"""Facts about the machine and software a run was made on."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version

from benchmarks.events import REPO


def _cpuinfo() -> tuple[str, bool]:
    """CPU model name and whether it runs under a hypervisor (from /proc/cpuinfo, on Linux)."""
    model, virtual = platform.processor() or platform.machine(), False
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as file:
            for line in file:
                key, _, value = line.partition(":")
                if key.strip() == "model name":
                    model = value.strip()
                elif key.strip() == "flags":
                    virtual = "hypervisor" in value.split()
    except OSError:
        pass
    return model, virtual


def _os_name() -> str:
    try:
        with open("/etc/os-release", encoding="utf-8") as file:
            for line in file:
                if line.startswith("PRETTY_NAME="):
                    return line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return platform.system()


def _package(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def _commit() -> str:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True, check=False
        )
    except OSError:
        return "unknown"
    return done.stdout.strip() or "unknown"


def facts() -> list[tuple[str, str]]:
    model, virtual = _cpuinfo()
    return [
        ("date", datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")),
        ("CPU", model + (" (virtual machine)" if virtual else "")),
        ("cores", str(os.cpu_count())),
        ("Python", f"{platform.python_implementation()} {platform.python_version()} ({sys.executable})"),
        ("OS", f"{_os_name()}, {platform.system()} {platform.release()} {platform.machine()}"),
        ("apiway", f"{_package('apiway')} (commit {_commit()})"),
        ("aws-lambda-powertools", _package("aws-lambda-powertools")),
    ]
