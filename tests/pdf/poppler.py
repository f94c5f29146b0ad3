"""Read PDFs back with poppler, as a member reads the paper (text, pages, page size)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest


def tool(name: str) -> str:
    """Path of a poppler tool; skip on a laptop without it, fail in CI."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} not found: apt-get install poppler-utils"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def pdftotext(pdf: Path, *, layout: bool = False) -> str:
    flags = ["-layout"] if layout else []
    return _run(tool("pdftotext"), "-enc", "UTF-8", *flags, str(pdf), "-")


def pages(pdf: Path, *, layout: bool = False) -> list[str]:
    chunks = pdftotext(pdf, layout=layout).split("\f")
    if chunks and not chunks[-1].strip():
        chunks.pop()
    return chunks


def flat(value: str) -> str:
    """Whitespace squeezed to single spaces, so wrapped cells compare as one line."""
    return re.sub(r"\s+", " ", value)


def pdfinfo(pdf: Path) -> dict[str, str]:
    info = {}
    for line in _run(tool("pdfinfo"), str(pdf)).splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


def page_count(pdf: Path) -> int:
    return int(pdfinfo(pdf)["Pages"])


def font_names(pdf: Path) -> list[str]:
    rows = _run(tool("pdffonts"), str(pdf)).splitlines()[2:]
    return [re.sub(r"^[A-Z]{6}\+", "", row.split()[0]) for row in rows if row.strip()]
