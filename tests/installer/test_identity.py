"""The desktop entry and AppStream metadata are valid, and name the icon the installer ships."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from communitydesk import __version__
from tests.paths import REPO

LINUX = REPO / "communitydesk" / "resources" / "linux"
APP_ID = "org.communitydesk.CommunityDesk"


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        message = f"{name} is not installed (Debian: desktop-file-utils, appstream)"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return found


def test_desktop_file_validates() -> None:
    done = subprocess.run([_tool("desktop-file-validate"), str(LINUX / f"{APP_ID}.desktop")],
                          capture_output=True, text=True)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_metainfo_validates_offline() -> None:
    done = subprocess.run([_tool("appstreamcli"), "validate", "--no-net",
                           str(LINUX / f"{APP_ID}.metainfo.xml")], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_metainfo_release_is_this_version() -> None:
    assert f'<release version="{__version__}"' in (LINUX / f"{APP_ID}.metainfo.xml").read_text()


def test_desktop_entry_names_the_installed_icon_and_command() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(LINUX / f"{APP_ID}.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Icon"] == APP_ID
    assert section["Exec"].split()[0] == "CommunityDesk"
    install = (REPO / "installer" / "linux" / "install.sh").read_text()
    assert "$APP_ID.png" in install and f"APP_ID={APP_ID}" in install
    icons = REPO / "communitydesk" / "resources" / "icons"
    for size in (16, 32, 48, 256, 512):
        assert (icons / f"communitydesk-{size}.png").is_file()


def test_install_script_puts_everything_under_the_prefix_and_uninstall_keeps_data(tmp_path: Path) -> None:
    bundle = tmp_path / "CommunityDesk"
    (bundle / "_internal" / "communitydesk").mkdir(parents=True)
    shutil.copytree(REPO / "communitydesk" / "resources", bundle / "_internal" / "communitydesk" / "resources")
    (bundle / "CommunityDesk").write_text("#!/bin/sh\necho frozen\n")
    (bundle / "CommunityDesk").chmod(0o755)
    for script in ("install.sh", "uninstall.sh"):
        shutil.copy2(REPO / "installer" / "linux" / script, bundle / script)
    home = tmp_path / "home"
    data = home / ".local" / "share" / "CommunityDesk"
    data.mkdir(parents=True)
    (data / "communitydesk.sqlite3").write_text("the group's data")
    env = dict(os.environ, HOME=str(home), PATH="/usr/bin:/bin")
    subprocess.run(["sh", str(bundle / "install.sh")], check=True, env=env, capture_output=True)
    local = home / ".local"
    assert (local / "bin" / "CommunityDesk").resolve() == (local / "lib" / "CommunityDesk" / "CommunityDesk")
    desktop = (local / "share" / "applications" / f"{APP_ID}.desktop").read_text()
    assert f"Exec={local}/lib/CommunityDesk/CommunityDesk" in desktop
    assert (local / "share" / "icons" / "hicolor" / "256x256" / "apps" / f"{APP_ID}.png").is_file()
    subprocess.run(["sh", str(local / "lib" / "CommunityDesk" / "uninstall.sh")], check=True, env=env,
                   capture_output=True)
    assert not (local / "lib" / "CommunityDesk").exists() and not (local / "bin" / "CommunityDesk").exists()
    assert (data / "communitydesk.sqlite3").read_text() == "the group's data"
