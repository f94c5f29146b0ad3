"""A wheel built from the project carries its fonts: installed outside the checkout, it prints
Cyrillic and Greek names with DejaVu embedded, never falling back to the system's fonts."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from tests.paths import REPO

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    build = tmp_path_factory.mktemp("build")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
         "-w", str(out), str(REPO)],
        check=True, capture_output=True, timeout=300, cwd=build,
        env=dict(os.environ, PIP_NO_INPUT="1"))
    (found,) = out.glob("communitydesk-*.whl")
    return found


def test_the_wheel_holds_the_fonts_and_their_licence(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for font in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf",
                 "DejaVuSans-BoldOblique.ttf", "LICENSE-DejaVu.txt"):
        assert f"communitydesk/resources/fonts/{font}" in names


def test_installed_wheel_prints_any_script_with_its_own_fonts(wheel: Path, tmp_path: Path) -> None:
    # A fresh venv outside the checkout; the wheel is installed into it, and only the
    # third-party dependencies are borrowed from the test environment (no project source).
    env_dir = tmp_path / "fresh"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig;print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
                    "--target", str(site), str(wheel)], check=True, capture_output=True, timeout=300)
    (site / "borrowed_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "COMMUNITYDESK_"))}
    env.update(COMMUNITYDESK_DATA_DIR=str(work / "data"), COMMUNITYDESK_CONFIG_DIR=str(work / "config"))

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(python), "-m", "communitydesk", "--db", str(work / "group.sqlite3"),
                               *args], capture_output=True, text=True, cwd=work, env=env, timeout=180)

    where = subprocess.run([str(python), "-c", "import communitydesk;print(communitydesk.__file__)"],
                           capture_output=True, text=True, cwd=work, env=env, check=True).stdout
    assert where.startswith(str(site)), where
    assert cli("db", "upgrade").returncode == 0
    for first, last in (("Наталья", "Коваленко"), ("Γιώργος", "Παπαδόπουλος"), ("Łukasz", "Wiśniewski")):
        added = cli("members", "add", "--first-name", first, "--last-name", last, "--json")
        assert added.returncode == 0, added.stderr
    made = cli("meetings", "add", "--title", "General meeting", "--starts", "2026-12-01 19:00", "--json")
    assert made.returncode == 0, made.stderr
    meeting_id = __import__("json").loads(made.stdout)["id"]
    sheet = work / "sheet.pdf"
    printed = cli("print", "sign-in", str(meeting_id), "-o", str(sheet))
    assert printed.returncode == 0, printed.stderr

    text = subprocess.run(["pdftotext", str(sheet), "-"], capture_output=True, text=True, check=True).stdout
    for name in ("Наталья", "Коваленко", "Γιώργος", "Παπαδόπουλος", "Łukasz"):
        assert name in text
    fonts = subprocess.run(["pdffonts", str(sheet)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert rows and all("DejaVu" in row[0] for row in rows), fonts
    assert all(row[-5] == "yes" for row in rows), fonts  # the "emb" column: embedded
