"""`make installer`: the Linux bundle (PyInstaller one-folder) and a .tar.gz with install.sh.

Prints the bundle's size unpacked and its ten largest parts, so what the spec
excludes can be checked against what it costs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"
BUILD = ROOT / "build"


def version() -> str:
    namespace: dict[str, str] = {}
    exec((ROOT / "communitydesk" / "__init__.py").read_text(encoding="utf-8"), namespace)  # noqa: S102
    return namespace["__version__"]


def size_of(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def largest_parts(bundle: Path, count: int = 10) -> list[tuple[int, str]]:
    """Top-level parts of ``_internal`` (folders summed), largest first."""
    internal = bundle / "_internal"
    parts = []
    for child in internal.iterdir():
        if not child.is_symlink():
            parts.append((size_of(child) if child.is_dir() else child.stat().st_size, child.name))
    qt = internal / "PySide6" / "Qt"
    for folder in (qt / "lib", qt / "plugins", qt / "translations"):  # most of the bundle is Qt
        for child in folder.iterdir() if folder.is_dir() else ():
            if not child.is_symlink():
                size = size_of(child) if child.is_dir() else child.stat().st_size
                parts.append((size, str(child.relative_to(internal))))
    return sorted(parts, reverse=True)[:count]


def main() -> int:
    started = time.perf_counter()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    subprocess.run([sys.executable, str(ROOT / "installer" / "make_icons.py"), "--bundle-icons",
                    str(BUILD / "icons")], check=True, env=env, stdout=subprocess.DEVNULL)
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
                    "--distpath", str(DIST), "--workpath", str(BUILD / "pyinstaller"),
                    str(ROOT / "installer" / "communitydesk.spec")], check=True, env=env)
    bundle = DIST / "CommunityDesk"
    linux = ROOT / "installer" / "linux"
    for script in ("install.sh", "uninstall.sh"):
        shutil.copy2(linux / script, bundle / script)
    archive = DIST / f"CommunityDesk-{version()}-linux-{os.uname().machine}.tar.gz"
    with tarfile.open(archive, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname="CommunityDesk")
    print(f"bundle: {bundle} ({size_of(bundle) / 1e6:.0f} MB unpacked)")
    print(f"archive: {archive} ({archive.stat().st_size / 1e6:.0f} MB)")
    print("largest parts:")
    for size, name in largest_parts(bundle):
        print(f"  {size / 1e6:7.1f} MB  {name}")
    print(f"built in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
