"""How much an import will read: file size, rows, columns and what a workbook may unpack to.

Why: an import used to read whatever it was given. A named pipe hung it
forever, /dev/zero filled the memory, a 200 KB workbook unpacked to gigabytes
(a "zip bomb"), and a sheet of 30 million rows ran for minutes. The limits are
far above any real group's list (the biggest expected is about 50,000 people)
and each refusal says what was found and what to do.
"""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

from communitydesk.i18n import _
from communitydesk.io.errors import TableError

MB = 1024 * 1024
MAX_FILE_BYTES = 200 * MB
MAX_ROWS = 200_000
MAX_BLANK_ROWS = 200_000  # blank rows between rows still cost time: counted on their own
MAX_COLUMNS = 500
MAX_FILLED_CELLS = 10_000_000  # 200,000 people x 50 fields; each cell costs ~50 bytes in memory
MAX_SEPARATORS_PER_LINE = 20_000  # a CSV line with more is refused before it is split

# A workbook is a zip archive: what its parts declare they unpack to is checked before
# anything is unpacked (zipfile never returns more than an entry's declared size).
MAX_ZIP_ENTRIES = 10_000
MAX_ZIP_ENTRY_BYTES = 512 * MB
MAX_SHARED_STRINGS_BYTES = 128 * MB  # read into memory whole by openpyxl
MAX_ZIP_TOTAL_BYTES = 1024 * MB
MAX_ZIP_RATIO = 100  # real sheets compress 5-25 times; zeros compress 1,000 times
RATIO_CHECKED_ABOVE = 16 * MB


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return _("a named pipe")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device")
    if stat.S_ISSOCK(mode):
        return _("a socket")
    return _("not a plain file")


def read_file_capped(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a regular file of at most ``MAX_FILE_BYTES``; anything else is a TableError.

    The file is checked with ``stat`` before it is opened, so a pipe is never
    waited on and a device is never read.
    """
    name = str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise TableError(_("cannot read {name}: no such file").format(name=name)) from None
    except OSError as exc:
        raise TableError(_("cannot read {name}: {problem}").format(
            name=name, problem=exc.strerror or exc)) from None
    if stat.S_ISDIR(info.st_mode):
        raise TableError(_("{name} is a folder, not a file").format(name=name))
    if not stat.S_ISREG(info.st_mode):
        raise TableError(_("{name} is not a regular file (it is {kind}); "
                           "save the list as a .csv or .xlsx file and import that").format(
                               name=name, kind=_kind(info.st_mode)))
    if info.st_size > MAX_FILE_BYTES:
        raise TableError(_too_big(name, info.st_size))
    try:
        with Path(path).open("rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise TableError(_("cannot read {name}: {problem}").format(
            name=name, problem=exc.strerror or exc)) from None
    if len(data) > MAX_FILE_BYTES:  # it grew while we looked
        raise TableError(_too_big(name, len(data)))
    return data


def _too_big(name: str, size: int) -> str:
    return _("{name} is {size} MB; the most an import reads is {most} MB. "
             "Is this the right file? Split a very large list into parts").format(
                 name=name, size=f"{size // MB:,}", most=MAX_FILE_BYTES // MB)


def check_zip_archive(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse a workbook whose parts would unpack to far more than any real member list."""
    entries = archive.infolist()
    if len(entries) > MAX_ZIP_ENTRIES:
        raise TableError(_("{name} holds {count} parts; a workbook holds a few dozen. "
                           "It was not opened").format(name=name, count=f"{len(entries):,}"))
    total = 0
    for entry in entries:
        size, packed = entry.file_size, max(entry.compress_size, 1)
        limit = MAX_SHARED_STRINGS_BYTES if entry.filename.endswith("sharedStrings.xml") \
            else MAX_ZIP_ENTRY_BYTES
        too_big = size > limit
        too_packed = size > RATIO_CHECKED_ABOVE and size > MAX_ZIP_RATIO * packed
        if too_big or too_packed:
            raise TableError(_(
                "{name}: the part {part} would unpack to {size} from "
                "{packed}; that is not a normal workbook (a \"zip bomb\"?), so it was not "
                "opened. Save the list again from the program that made it").format(
                    name=name, part=entry.filename[:80], size=_size(size), packed=_size(packed)))
        total += size
    if total > MAX_ZIP_TOTAL_BYTES:
        raise TableError(_("{name} would unpack to {size} MB; the most an import opens is "
                           "{most} MB. Save the list as .csv instead").format(
                               name=name, size=f"{total // MB:,}",
                               most=f"{MAX_ZIP_TOTAL_BYTES // MB:,}"))


def _size(count: int) -> str:
    return f"{count // MB:,} MB" if count >= MB else f"{max(count // 1024, 1):,} KB"


def check_row_count(name: str, rows: int, records: int) -> None:
    """Called as rows are read: stop at the limit instead of reading on for minutes."""
    if rows > MAX_ROWS:
        raise TableError(_("{name} has more than {most} rows; the most an import reads is "
                           "{most}. Split the list into parts and import each").format(
                               name=name, most=f"{MAX_ROWS:,}"))
    if records > MAX_ROWS + MAX_BLANK_ROWS:
        raise TableError(_("{name} has more than {most} rows, most of them blank; delete the "
                           "blank rows (or check it is the right file)").format(
                               name=name, most=f"{MAX_ROWS + MAX_BLANK_ROWS:,}"))


def too_many_cells(name: str) -> TableError:
    return TableError(_("{name} holds more than {most} filled cells (the most an import reads); "
                        "split the list into parts, or delete columns it does not need").format(
                            name=name, most=f"{MAX_FILLED_CELLS:,}"))
