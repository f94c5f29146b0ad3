"""Is the live SQLite file somewhere that will corrupt it? Synced and network folders.

Sync clients (Dropbox, OneDrive, Google Drive, iCloud…) copy the file while it
is being written and make "conflicted copies"; network file systems (SMB/CIFS,
NFS, sshfs) break SQLite's locking. Both lose edits. We say so, and point to
the shared mode on PostgreSQL for working together.
"""

from __future__ import annotations

import os
from pathlib import Path

SYNC_FOLDER_NAMES = {
    "dropbox": "Dropbox", "onedrive": "OneDrive", "google drive": "Google Drive",
    "googledrive": "Google Drive", "my drive": "Google Drive", "icloud drive": "iCloud Drive",
    "icloud": "iCloud Drive", "mobile documents": "iCloud Drive", "iclouddrive": "iCloud Drive",
    "nextcloud": "Nextcloud", "owncloud": "ownCloud", "pcloud": "pCloud", "pcloud drive": "pCloud",
    "box sync": "Box", "megasync": "MEGA", "sync.com": "Sync.com",
    "seafile": "Seafile", "syncthing": "Syncthing", "yandex.disk": "Yandex Disk",
}
NETWORK_FILESYSTEMS = {
    "cifs": "an SMB/CIFS network share", "smb3": "an SMB network share",
    "smbfs": "an SMB network share", "nfs": "an NFS network share", "nfs4": "an NFS network share",
    "fuse.sshfs": "an sshfs remote folder", "davfs": "a WebDAV folder",
    "fuse.rclone": "an rclone remote folder", "afpfs": "an AFP network share",
    "9p": "a shared virtual-machine folder", "fuse.gvfsd-fuse": "a network folder (GVFS)",
    "vboxsf": "a shared virtual-machine folder",
}
ADVICE = ("A live database there can be corrupted or lose edits. Keep the file on this "
          "computer's own disk (put backups on the stick or in the cloud instead), and to work "
          "on the same data from several computers use the shared mode: File → Connect to "
          "shared database… (PostgreSQL).")


def _mount_type(path: Path, mounts_text: str | None) -> str | None:
    if mounts_text is None:
        try:
            mounts_text = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    best, best_type = "", None
    target = str(path)
    for line in mounts_text.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point = parts[1].replace("\\040", " ")
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, best_type = point, parts[2]
    return best_type


def storage_warning(path: Path, *, mounts_text: str | None = None) -> str | None:
    """A sentence for the person if ``path`` is in a synced or network folder, else None."""
    text = str(path)
    if text.startswith("\\\\") or text.startswith("//"):
        return f"The database {path} is on a network share. {ADVICE}"
    for part in Path(path).parent.parts:
        key = part.lower().strip()
        name = SYNC_FOLDER_NAMES.get(key)
        if name is None and key.startswith("onedrive"):
            name = "OneDrive"  # "OneDrive - Contoso"
        if name is None and key.startswith("dropbox"):
            name = "Dropbox"  # "Dropbox (Personal)"
        if name:
            return f"The database {path} is inside a {name} folder, which syncs it while in use. {ADVICE}"
    if os.name == "posix":
        fstype = _mount_type(Path(path), mounts_text)
        if fstype in NETWORK_FILESYSTEMS:
            return f"The database {path} is on {NETWORK_FILESYSTEMS[fstype]}. {ADVICE}"
    return None
