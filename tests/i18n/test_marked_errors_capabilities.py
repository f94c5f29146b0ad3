"""#19 item 4, part A: the services, CLI commands and papers of motions, dues, meetings, reports
and outreach speak the reader's language. An error a person sees (any ``UserError``), a help text
and a line the CLI prints are English forever when their words are a bare literal: this check
names the file and line of every such literal, and the CLI tests below read the Polish and
Ukrainian words back from a real command and a real PDF."""

from __future__ import annotations

import ast
import csv
import json
import re
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path

import openpyxl
import pytest

from communitydesk.cli import main
from communitydesk.i18n import LANGUAGE_ENV, set_language
from communitydesk.services.attendance.register import record_attendance
from communitydesk.services.meetings.actions import add_action
from communitydesk.services.meetings.matters_arising import (
    agenda_with_arising,
    carry_forward_open_actions,
)
from communitydesk.services.meetings.planning import add_meeting
from communitydesk.services.meetings.series import (
    create_series,
    describe_rule,
    monthly_weekday_rule,
)
from communitydesk.services.members.records import add_member
from communitydesk.services.motions.motions import add_motion
from communitydesk.services.reports.figures import attendance_report
from communitydesk.services.reports.periods import preset_period
from communitydesk.services.settings.group_settings import save_settings
from tests.i18n.test_marked_errors import user_error_classes  # one walk of the class tree
from tests.paths import REPO

PACKAGES = ("motions", "dues", "meetings", "reports", "outreach")
COMMANDS = ("dues", "meetings", "agenda", "outreach", "print", "motions", "elections")
ALL_FILES = tuple(sorted(
    [p.relative_to(REPO).as_posix() for name in PACKAGES
     for p in (REPO / "communitydesk" / "services" / name).glob("*.py")]
    + ["communitydesk/pdf/labels.py", "communitydesk/pdf/phone_tree.py"]
    + [f"communitydesk/cli/{name}_commands.py" for name in COMMANDS]))
CHECKED = ALL_FILES

# argparse's words that people read: the help of an option or a command, a parser's description.
HELP_KEYWORDS = ("help", "description", "epilog")
WORDS = re.compile(r"[A-Za-z]{2,}")
PLACEHOLDERS = re.compile(r"\{[^{}]*\}|%\([^)]*\)[a-z]|%[sd]")
# Words that stay as written in every language: the contract's "error:" prefix, ids and formats.
NOT_WORDS = {"error: ", "error:", "--", "csv", "xlsx"}
# An id line ("motion 3: …", "agenda item 2 of meeting 5: …") stays English in every language:
# scripts read it (locale/GLOSSARY.md, like "meeting 12: …" and "member 4: …").
# Only for printed lines: an error message is never an id line.
ID_LINE = re.compile(r"^(?:motion|election|meeting|member|action|agenda item|one-to-one) \{[^{}]*\}[^:]*: ")


def _called(node: ast.Call) -> str:
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _words(node: ast.AST) -> str | None:
    """The English a node carries as it stands: a literal, an f-string's literal parts, a literal
    that is ``.format()``-ed, ``%``-ed or joined with ``+``; None for ``_()``/``ngettext`` and names."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return _words(node.func.value)
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        return " ".join(w for w in (_words(node.left), _words(node.right) if isinstance(node.op, ast.Add)
                                    else None) if w)
    if isinstance(node, ast.BoolOp):
        return " ".join(w for v in node.values for w in [_words(v)] if w)
    if isinstance(node, ast.IfExp):
        return " ".join(w for w in (_words(node.body), _words(node.orelse)) if w)
    if isinstance(node, ast.Call) and _called(node) == "join":
        return " ".join(w for a in node.args for w in [_shown_in(a)] if w)
    return None


def _shown_in(node: ast.AST) -> str | None:
    """Literal words inside a generator/list that is joined into shown text."""
    if isinstance(node, (ast.GeneratorExp, ast.ListComp)):
        return _words(node.elt)
    return _words(node)


def _is_words(text: str | None) -> bool:
    return bool(text) and text.strip() not in NOT_WORDS and bool(WORDS.search(PLACEHOLDERS.sub("", text)))


def shown_text(tree: ast.AST, errors: set[str]) -> Iterator[tuple[ast.AST, bool]]:
    """Every expression whose words reach a person (an error's message, a help text, a printed
    line), and whether it is a printed line."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _called(node)
        if name in errors and node.args:
            yield node.args[0], False
        elif name == "print" and node.args:
            yield node.args[0], True
        elif name == "emit" and len(node.args) >= 3:
            yield node.args[2], True
        elif name == "write" and ast.unparse(node.func).startswith("sys.std") and node.args:
            yield node.args[0], True
        yield from ((k.value, False) for k in node.keywords if k.arg in HELP_KEYWORDS)


def unmarked(path: Path, errors: set[str] | None = None) -> list[str]:
    errors = user_error_classes() if errors is None else errors
    where = path.relative_to(REPO).as_posix() if path.is_relative_to(REPO) else path.name
    return [f"{where}:{node.lineno}: {text!r}"
            for node, printed in shown_text(ast.parse(path.read_text(encoding="utf-8")), errors)
            for text in [_words(node)] if _is_words(text) and not (printed and ID_LINE.match(text or ""))]


def test_errors_help_and_printed_lines_are_marked() -> None:
    errors = user_error_classes()
    problems = [line for name in CHECKED for line in unmarked(REPO / name, errors)]
    assert problems == [], "wrap these in _() or ngettext():\n" + "\n".join(problems)


def test_the_check_knows_every_user_error() -> None:
    errors = user_error_classes()
    assert {"UserError", "ConflictError", "VotedError", "InputError", "NotAllowedError",
            "MemberConflict", "UnsureEncodingError"} <= errors
    assert "ValueError" not in errors and "ReadWroteError" not in errors


def test_the_check_names_each_unmarked_line(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        'raise UserError("no such plan")\n'
        'raise VotedError(f"{name} has already voted")\n'
        'raise UserError(_("no such plan"))\n'
        'raise UserError("--to {d} is before".format(d=1))\n'
        'p.add_argument("--on", help="default today")\n'
        'p.add_argument("--on", help=_("default today"))\n'
        'print(f"{n} payments written to {path}")\n'
        'print(ngettext("{n} payment", "{n} payments", n).format(n=n))\n'
        'print(json.dumps(x))\n'
        'emit(args, rows, "\\n".join(f"{r.id} {r.name}" for r in rows) or "No plans yet.")\n'
        'raise ValueError("a bug, not a person\'s problem")\n'
        'emit(args, item, f"agenda item {item.position} of meeting {item.meeting_id}: {item.title}")\n'
        'raise UserError(f"meeting {meeting_id}: no agenda item {position}")\n',
        encoding="utf-8")
    found = [line.split(": ", 1)[0] for line in unmarked(sample, {"UserError", "VotedError"})]
    assert found == ["sample.py:1", "sample.py:2", "sample.py:4", "sample.py:5", "sample.py:7",
                     "sample.py:10", "sample.py:13"]


# ----------------------------------------------------------------- the words, read back in Polish and Ukrainian

@pytest.fixture
def english_after() -> Iterator[None]:
    yield
    set_language("en")


def _group(db) -> dict[str, int]:  # noqa: ANN001 - the db fixture
    """Two members and a meeting that has started, as the commands below need them."""
    with db.session() as s:
        ann = add_member(s, first_name="Ann", last_name="Archer", email="ann@example.org").id
        bo = add_member(s, first_name="Bo", last_name="Ek").id
        meeting = add_meeting(s, title="General meeting", starts_at=datetime(2026, 3, 10, 19, 0)).id
    return {"ann": ann, "bo": bo, "meeting": meeting}


def test_dues_and_motions_errors_in_polish(db, capsys: pytest.CaptureFixture[str],  # noqa: ANN001
                                           monkeypatch: pytest.MonkeyPatch, english_after: None) -> None:
    ids = _group(db)
    target = str(db.sqlite_path)
    monkeypatch.setenv(LANGUAGE_ENV, "pl")  # as `COMMUNITYDESK_LANGUAGE=pl communitydesk …`
    assert main(["--db", target, "dues", "plans", "add", "--name", "Standard", "--amount", "12.00",
                 "--period", "year"]) == 0
    assert capsys.readouterr().out.strip() == "Dodano plan 1: Standard, 12.00 rocznie"
    assert main(["--db", target, "dues", "pay", "ann@example.org", "--amount", "12,50",
                 "--date", "2026-03-01", "--plan", "Standard"]) == 1
    shown = capsys.readouterr().err.strip()
    assert shown == "error: --amount: '12,50' nie jest kwotą; zapisz ją np. tak: 12.50"  # "error:" stays
    assert main(["--db", target, "motions", "add", str(ids["meeting"]), "--text", "That we meet monthly",
                 "--proposer", "Bo Ek", "--seconder", "bo ek"]) == 1
    assert capsys.readouterr().err.strip() == (
        "error: seconder: wniosek musi poprzeć ktoś inny niż wnioskodawca")
    assert main(["--db", target, "motions", "vote", "99", "--for", "3", "--against", "1"]) == 1
    assert capsys.readouterr().err.strip() == "error: brak wniosku o id 99"
    monkeypatch.setenv(LANGUAGE_ENV, "en")
    assert main(["--db", target, "motions", "vote", "99", "--for", "3", "--against", "1"]) == 1
    assert capsys.readouterr().err.strip() == "error: no motion with id 99"


def test_repeat_rule_in_polish_and_ukrainian(db, capsys: pytest.CaptureFixture[str],  # noqa: ANN001
                                             monkeypatch: pytest.MonkeyPatch, english_after: None) -> None:
    with db.session() as s:
        series = create_series(s, title="Residents' meeting", rule=monthly_weekday_rule(1, 1),
                               first_day=date(2026, 9, 1), at=time(19, 0), count=3)
        lone = add_meeting(s, title="Extra meeting", starts_at=datetime(2026, 9, 20, 19, 0)).id
    for code, words in (("pl", "powtarza się: pierwszy wtorek miesiąca"),
                        ("uk", "повторюється: перший вівторок кожного місяця"),
                        ("en", "repeats: first Tuesday of each month")):
        monkeypatch.setenv(LANGUAGE_ENV, code)
        assert main(["--db", str(db.sqlite_path), "meetings", "edit", str(lone), "--series",
                     str(series.series_id)]) == 0
        assert capsys.readouterr().out.splitlines()[-1] == "  " + words
    set_language("pl")
    assert describe_rule("FREQ=MONTHLY;BYDAY=-1WE") == "ostatnia środa miesiąca"  # the weekday's gender
    assert describe_rule("FREQ=WEEKLY;INTERVAL=2;BYDAY=FR") == "co 2 tygodnie, w piątek"
    assert describe_rule("FREQ=WEEKLY;INTERVAL=5;BYDAY=SU") == "co 5 tygodni, w niedzielę"
    set_language("uk")
    assert describe_rule("FREQ=WEEKLY;BYDAY=WE") == "щосереди"


def test_funder_workbook_in_the_groups_language(db, tmp_path: Path, capsys: pytest.CaptureFixture[str],  # noqa: ANN001
                                                monkeypatch: pytest.MonkeyPatch, english_after: None) -> None:
    """The workbook goes to a funder like paper: the group's `language` setting, whatever the
    terminal's language."""
    _group(db)
    target, book_path = str(db.sqlite_path), tmp_path / "funder.xlsx"
    monkeypatch.setenv(LANGUAGE_ENV, "en")
    assert main(["--db", target, "settings", "set", "language", "pl"]) == 0
    assert main(["--db", target, "report", "attendance", "--from", "2026-03-01", "--to", "2026-03-31",
                 "--as-of", "2026-04-01", "--workbook", str(book_path)]) == 0
    capsys.readouterr()
    book = openpyxl.load_workbook(book_path)
    assert book.sheetnames == ["Podsumowanie", "Zebrania", "Osoby", "Miesiące"]
    labels = [row[0] for row in book["Podsumowanie"].iter_rows(values_only=True) if row]
    assert "Raport obecności" in labels and "Różne osoby obecne" in labels and "Definicje" in labels
    assert [c.value for c in book["Osoby"][1]][:3] == ["Id członka", "Imię i nazwisko", "Status"]
    assert book["Zebrania"]["F2"].value == "tak" and book["Zebrania"]["D2"].value == "ogólne"


def test_pdf_period_name_in_ukrainian(db, tmp_path: Path) -> None:  # noqa: ANN001
    """The attendance report's period name ("This financial year" chosen in the window) prints in
    the group's language, month names from CLDR: read back with pdftotext."""
    from communitydesk.pdf.attendance_report import build_attendance_report_pdf
    from tests.pdf.poppler import pdftotext

    _group(db)
    today = date(2026, 6, 15)
    shown = {}
    for key in ("this_financial_year", "this_quarter"):
        period = preset_period(key, today=today, financial_year_start_month=4)
        with db.session() as s:
            report = attendance_report(s, period, as_of=today)
        pdf = tmp_path / f"{key}.pdf"
        build_attendance_report_pdf(report, pdf, group_name="Спілка мешканців", language="uk", today=today)
        shown[key] = " ".join(pdftotext(pdf).split())
    assert "Фінансовий рік 2026/27" in shown["this_financial_year"]
    assert "Financial year" not in shown["this_financial_year"]
    assert "квіт.–черв. 2026" in shown["this_quarter"] and "Apr" not in shown["this_quarter"]


def test_matters_arising_item_is_added_in_the_groups_language_and_found_again(db) -> None:  # noqa: ANN001
    """The agenda item the room reads is in the group's language; a Polish "Sprawy wynikające
    z protokołu" is still the matters-arising item (actions go under it, no second one is added)."""
    with db.session() as s:
        save_settings(s, language="pl")
        first = add_meeting(s, title="Zebranie", starts_at=datetime(2026, 1, 5, 19)).id
        second = add_meeting(s, title="Zebranie", starts_at=datetime(2026, 2, 2, 19)).id
        add_action(s, meeting_id=first, description="Napisać do zarządcy")
        carry_forward_open_actions(s, second)
        carry_forward_open_actions(s, second)
    with db.session() as s:
        titles = [e.title for e, _actions in agenda_with_arising(s, second)]
        under = {e.title: [a.description for a in acts] for e, acts in agenda_with_arising(s, second)}
    assert titles == ["Sprawy wynikające z protokołu"]
    assert under["Sprawy wynikające z protokołu"] == ["Napisać do zarządcy"]


def test_exports_keep_the_contracts_values_in_polish(db, tmp_path: Path, capsys: pytest.CaptureFixture[str],  # noqa: ANN001
                                                     monkeypatch: pytest.MonkeyPatch, english_after: None) -> None:
    """What scripts read stays as DESIGN.md says in every language: the dues export's headers and
    payment methods, plan periods and states in JSON, motion results; only the sentence is Polish."""
    ids = _group(db)
    target = str(db.sqlite_path)
    monkeypatch.setenv(LANGUAGE_ENV, "pl")
    assert main(["--db", target, "settings", "set", "language", "pl"]) == 0
    capsys.readouterr()
    assert main(["--db", target, "dues", "plans", "add", "--name", "Roczna", "--amount", "12.00",
                 "--period", "year", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["period"] == "year"
    assert main(["--db", target, "dues", "pay", "Ann Archer", "--amount", "12.00", "--date", "2026-03-01",
                 "--plan", "Roczna", "--method", "transfer"]) == 0
    capsys.readouterr()
    assert main(["--db", target, "dues", "status", "--on", "2026-03-02", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["state"] == "paid"
    csv_path = tmp_path / "payments.csv"
    assert main(["--db", target, "dues", "export", "-o", str(csv_path)]) == 0
    assert capsys.readouterr().out.startswith("zapisano 1 wpłatę w ")
    with csv_path.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    assert rows[0]["method"] == "transfer" and rows[0]["plan"] == "Roczna"
    assert list(rows[0])[:7] == ["date", "receipt_number", "member_id", "member", "plan", "method", "amount"]
    with db.session() as s:
        motion = add_motion(s, ids["meeting"], text="That we meet monthly").id
        record_attendance(s, ids["meeting"], member_id=ids["ann"], status="present")
    assert main(["--db", target, "motions", "vote", str(motion), "--for", "1", "--against", "0"]) == 0
    assert capsys.readouterr().out.strip().endswith(": carried")  # an id line, as scripts read it
    assert main(["--db", target, "motions", "list", str(ids["meeting"]), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["result"] == "carried"


@pytest.mark.parametrize("code", ["pl", "uk"])
def test_dues_motions_and_elections_help_is_translated(code: str, english_after: None) -> None:
    """Every help text of the `dues`, `motions` and `elections` groups, as test_cli_language checks
    the groups marked before them."""
    from communitydesk.cli import argparse_words, build_parser
    from tests.i18n.test_cli_language import _helps

    def ours(parser_helps: Iterator[tuple[str, str]]) -> dict[str, str]:
        return {where: text for where, text in parser_helps
                if where.split(" ")[0] in ("dues", "motions", "elections") or where.startswith("print receipt")
                or where.startswith("print renewals") or where.startswith("meetings quorum")}

    argparse_words.install()
    set_language("en")
    english = ours(_all_helps(build_parser(), _helps))
    set_language(code)
    translated = ours(_all_helps(build_parser(), _helps))
    assert len(english) > 40 and translated.keys() == english.keys()
    same = [f"{where}: {text!r}" for where, text in english.items() if text and translated[where] == text]
    assert same == [], f"help left in English in {code}:\n" + "\n".join(same)


def _all_helps(parser, helps) -> Iterator[tuple[str, str]]:  # noqa: ANN001
    """test_cli_language's walk over every command group (it walks only the groups it lists)."""
    import tests.i18n.test_cli_language as cli_language

    listed = cli_language.MARKED_COMMANDS
    cli_language.MARKED_COMMANDS = (*listed, "dues", "motions", "elections")
    try:
        yield from list(helps(parser))
    finally:
        cli_language.MARKED_COMMANDS = listed
