"""The services', importers' and commands' sentences for people are marked for translation (#19).

An AST walk of the files below (issue 19, item 4, part B) fails, naming file:line, on English
handed straight to a person: a string literal, an f-string or ``"…".format()`` as the message
of ``UserError`` or any of its subclasses (found by walking every class in communitydesk/), or
as the text of ``print``/``emit``/``input``/``parser.error`` or an argparse ``help=``/
``description=``. Wrapped in ``_()``/``ngettext()`` (or a ``N_`` constant shown through ``_()``)
it passes. What scripts read stays English, as the glossary says: ``error:``, the id lines
(``member 4: …``, ``meeting 12, member 4: present``) and a field's name before its message
(``"status: " + _("…")``).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.paths import REPO

PACKAGE = REPO / "communitydesk"
SINGLE_FILES = (
    "io/tabular.py", "io/limits.py", "io/member_columns.py", "io/encoding.py",
    "io/register_columns.py", "io/sheet_writer.py", "io/dates.py", "files.py", "db/migrate.py",
    "db/file_lock.py", "pdf/layout.py", "pdf/fonts.py", "pdf/theme.py", "pdf/documents.py",
)
WHOLE_PACKAGES = ("services/attendance", "services/members", "services/one_to_ones",
                  "services/settings", "services/core", "services/privacy", "services/demo", "cli")
NOT_OURS = (  # other parts of #19 mark these
    "services/attendance/sheet_numbers.py", "services/core/connection_check.py",
    "cli/dues_commands.py", "cli/meetings_commands.py", "cli/agenda_commands.py",
    "cli/outreach_commands.py", "cli/print_commands.py", "cli/roles_commands.py",
    "cli/db_commands.py", "cli/motions_commands.py", "cli/elections_commands.py",
)


def checked_files() -> list[Path]:
    found = [PACKAGE / name for name in SINGLE_FILES]
    for package in WHOLE_PACKAGES:
        found += sorted((PACKAGE / package).glob("*.py"))
    return [p for p in found if p.relative_to(PACKAGE).as_posix() not in NOT_OURS]


def user_error_classes(root: Path = PACKAGE) -> set[str]:
    """``UserError`` and every class below it, however deep (ConflictError, TableError, …)."""
    bases: dict[str, set[str]] = {}
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                names = {b.attr if isinstance(b, ast.Attribute) else getattr(b, "id", "")
                         for b in node.bases}
                bases.setdefault(node.name, set()).update(names)
    found = {"UserError"}
    while True:
        more = {name for name, parents in bases.items() if parents & found} - found
        if not more:
            return found
        found |= more


WORDS = re.compile(r"[A-Za-z]{2,}")
PLACEHOLDERS = re.compile(r"\{[^{}]*\}|%\([^)]*\)[a-z]|%[sd]|--[a-z][a-z-]*")  # and option names
SCRIPT_WORDS = {"error", "ok", "FAIL"}  # the contract's and the installer's words
FIELD_PREFIX = re.compile(r"[a-z_ -]+: ")  # "status: ", "first name: ": a field, then _() says why
ID_LINE = re.compile(r"(member|meeting|one-to-one) $")  # f"member {id}: …" as scripts read it
MARKERS = {"_", "ngettext"}
SHOWN_CALLS = {"print": 0, "input": 0, "error": 0, "emit": 2}  # which argument people read
SHOWN_KEYWORDS = {"help", "description", "epilog"}


def _called(node: ast.Call) -> str:
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _has_words(text: str) -> bool:
    words = WORDS.findall(PLACEHOLDERS.sub("", text))
    return any(w not in SCRIPT_WORDS for w in words)


def _english(node: ast.AST) -> str | None:
    """The English a person would read in ``node`` unmarked, or None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        if FIELD_PREFIX.fullmatch(node.value):
            return None
        return node.value if _has_words(node.value) else None
    if isinstance(node, ast.JoinedStr):
        parts = [v.value for v in node.values if isinstance(v, ast.Constant)]
        if node.values and isinstance(node.values[0], ast.Constant) \
                and ID_LINE.fullmatch(node.values[0].value):
            return None
        text = "".join(parts)
        return text if _has_words(text) else None
    if isinstance(node, ast.Call):
        if _called(node) in MARKERS:
            return None
        if isinstance(node.func, ast.Attribute) and node.func.attr == "format":
            return _english(node.func.value)
        if _called(node) == "join" and isinstance(node.func, ast.Attribute):
            return None  # a separator joining pieces
        return None
    if isinstance(node, ast.BinOp):
        return _english(node.left) or _english(node.right)
    if isinstance(node, ast.IfExp):
        return _english(node.body) or _english(node.orelse)
    return None


def unmarked(path: Path, errors: set[str]) -> list[str]:
    found: list[tuple[int, str]] = []
    where = path.relative_to(REPO) if path.is_relative_to(REPO) else path.name
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = _called(node)
        shown: list[ast.AST] = []
        if name in errors and node.args:
            shown.append(node.args[0])
        if name in SHOWN_CALLS and len(node.args) > SHOWN_CALLS[name]:
            shown.append(node.args[SHOWN_CALLS[name]])
        shown += [k.value for k in node.keywords if k.arg in SHOWN_KEYWORDS]
        for arg in shown:
            english = _english(arg)
            if english is not None:
                found.append((arg.lineno, f"{where}:{arg.lineno}: {name}({english!r})"))
    return [line for _number, line in sorted(found)]


def test_every_file_of_the_issue_is_checked() -> None:
    files = {p.relative_to(PACKAGE).as_posix() for p in checked_files()}
    assert {"io/tabular.py", "cli/members_commands.py", "services/settings/rules.py",
            "services/core/versioned.py", "cli/context.py"} <= files
    assert not files & set(NOT_OURS)
    assert all((PACKAGE / f).is_file() for f in files)


def test_user_error_subclasses_are_all_found() -> None:
    classes = user_error_classes()
    assert {"UserError", "ConflictError", "InputError", "TableError", "MappingError",
            "RegisterError", "UnsureEncodingError", "DuplicateEmailError", "MemberConflict",
            "ImportBusy", "MigrationRefused", "ImportCancelled", "ExportCancelled"} <= classes
    assert "ReadWroteError" not in classes  # a RuntimeError: a programming slip, not for people


def test_messages_for_people_are_marked() -> None:
    errors = user_error_classes()
    problems = [line for path in checked_files() for line in unmarked(path, errors)]
    assert problems == [], "wrap these in _() or ngettext():\n" + "\n".join(problems)


def test_the_check_finds_unmarked_messages(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "class TableError(UserError):\n    pass\n"
        "class RowError(TableError):\n    pass\n"
        'raise UserError("no such file")\n'
        'raise RowError(f"{name}: row {row} is bad")\n'
        'raise TableError("{name} is empty".format(name=name))\n'
        'print(f"wrote {n} rows")\n'
        'p.add_argument("--x", help="what it does")\n'
        'parser.error("give either MEMBER or --row N")\n'
        'raise UserError(_("no such file"))\n'
        'raise UserError("status: " + _("{value} is not one of {allowed}").format(value=v, allowed=a))\n'
        'print(f"member {member_id}: {name}")\n'
        'print(f"error: {message}")\n'
        'print(ngettext("{n} row", "{n} rows", n).format(n=n))\n', encoding="utf-8")
    errors = user_error_classes(tmp_path)
    assert errors == {"UserError", "TableError", "RowError"}
    found = [line.split(": ", 1)[1] for line in unmarked(sample, errors)]
    assert found == ["UserError('no such file')", "RowError(': row  is bad')",
                     "TableError('{name} is empty')", "print('wrote  rows')",
                     "add_argument('what it does')", "error('give either MEMBER or --row N')"]
