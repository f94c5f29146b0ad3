"""Match a member list's header row to member fields, and turn each row into a ``PersonRecord``.

Why: secretaries bring Google, Mailchimp, Eventbrite and Action Builder exports
and their own spreadsheets; the known exports must import with no manual
mapping, anything else by common header names, and ``--map "Header=field"``
covers the rest. Pure Python: the database importer decides what to do with
each record (create, fill, report a conflict).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from communitydesk.i18n import _
from communitydesk.io.dates import parse_date
from communitydesk.io.errors import MappingError
from communitydesk.io.person_merge import Merging, exact_name, same_name
from communitydesk.io.tabular import RowData
from communitydesk.io.text import (
    clean,
    first_value,
    header_key,
    is_valid_email,
    normalise_email,
    one_line,
    quoted,
    shorten,
    split_address,
    split_full_name,
    split_tags,
    tidy_postcode,
)

# Columns of our own export, in order (members export writes them, import reads them back).
OWN_EXPORT_COLUMNS = (
    "id", "first_name", "last_name", "preferred_name", "pronouns", "email", "phone",
    "address_line1", "address_line2", "town", "postcode", "status", "joined_on", "tags", "notes",
    "ladder_stage", "consent_email", "consent_phone", "consent_post", "consent_date",
    "consent_source",
)
# What a column can be mapped to: the export's fields, plus cells we split ("full_name",
# "address": a whole address in one cell), plus "ignore" for --map.
TARGETS = (*OWN_EXPORT_COLUMNS, "full_name", "address", "ignore")
STATUSES = ("prospect", "active", "lapsed", "left")
_STATUS_WORDS = {"current": "active", "member": "active", "expired": "lapsed",
                 "former": "left", "resigned": "left", "guest": "prospect", "contact": "prospect"}
_YES = {"yes", "y", "true", "1", "x", "✓", "✔"}
_NO = {"no", "n", "false", "0"}
# Column widths of the members table (db/models/members.py): longer values are refused
# here with a row number rather than failing the whole import on PostgreSQL.
MAX_LENGTHS = {"first_name": 100, "last_name": 100, "preferred_name": 100, "pronouns": 40,
               "email": 254, "phone": 40, "address_line1": 200, "address_line2": 200,
               "town": 100, "postcode": 20, "ladder_stage": 60, "consent_source": 200}
MAX_TAG_LENGTH = 80
MAX_REASON_CHARS = 300

_ADDRESS_1 = {"address1street": "address_line1", "address1extendedaddress": "address_line2",
              "address1city": "town", "address1postalcode": "postcode",
              "address1formatted": "address"}
# Header keys (see text.header_key) of each known export, in priority order within a field.
_KNOWN: dict[str, dict[str, str]] = {
    "communitydesk": {header_key(c): c for c in OWN_EXPORT_COLUMNS},
    "google": {"firstname": "first_name", "lastname": "last_name", "nickname": "preferred_name",
               "notes": "notes", "labels": "tags", **_ADDRESS_1},
    "google_legacy": {"givenname": "first_name", "familyname": "last_name", "name": "full_name",
                      "nickname": "preferred_name", "notes": "notes",
                      "groupmembership": "tags", **_ADDRESS_1},
    "mailchimp": {"emailaddress": "email", "firstname": "first_name", "lastname": "last_name",
                  "address": "address", "phonenumber": "phone", "phone": "phone",
                  "notes": "notes", "tags": "tags"},
    "eventbrite": {"firstname": "first_name", "lastname": "last_name", "surname": "last_name",
                   "email": "email", "cellphone": "phone", "mobilephone": "phone",
                   "homephone": "phone", "workphone": "phone", "homeaddress1": "address_line1",
                   "homeaddress2": "address_line2", "homecity": "town", "homezip": "postcode",
                   "homepostcode": "postcode"},
    "action_builder": {"firstname": "first_name", "lastname": "last_name", "fullname": "full_name",
                       "nickname": "preferred_name", "email": "email", "phonenumber": "phone",
                       "addressline1": "address_line1", "addressline2": "address_line2",
                       "city": "town", "zip": "postcode"},
}
_NUMBERED = {"google": re.compile(r"(email|phone)(\d+)value"),
             "google_legacy": re.compile(r"(email|phone)(\d+)value")}
# Common header names in any spreadsheet, checked after a known export's own names.
_GENERIC: dict[str, tuple[str, ...]] = {
    "first_name": ("firstname", "forename", "forenames", "givenname", "first", "fname",
                   "christianname"),
    "last_name": ("lastname", "surname", "familyname", "last", "lname"),
    "full_name": ("name", "fullname", "contactname", "membername", "displayname",
                  "attendeename"),
    "preferred_name": ("preferredname", "knownas", "nickname"),
    "pronouns": ("pronouns", "pronoun"),
    "email": ("email", "emailaddress", "mail", "emails", "emailaddr"),
    "phone": ("phone", "phonenumber", "mobile", "mobilenumber", "mobilephone", "cellphone",
              "cell", "telephone", "telephonenumber", "tel", "contactnumber", "homephone",
              "workphone"),
    "address": ("address", "fulladdress", "postaladdress", "homeaddress"),
    "address_line1": ("address1", "addressline1", "street", "streetaddress", "address1street"),
    "address_line2": ("address2", "addressline2"),
    "town": ("town", "city", "towncity", "locality"),
    "postcode": ("postcode", "postalcode", "zip", "zipcode", "postcodezip", "zippostcode"),
    "tags": ("tags", "groups", "labels", "groupmembership"),
    "notes": ("notes", "note", "comments", "comment"),
    "status": ("status", "membershipstatus"),
    "joined_on": ("joinedon", "joined", "joindate", "datejoined", "membersince"),
    "ladder_stage": ("ladderstage",),
    "consent_email": ("consentemail",), "consent_phone": ("consentphone",),
    "consent_post": ("consentpost",), "consent_date": ("consentdate",),
    "consent_source": ("consentsource",),
}
_GENERIC_BY_KEY = {key: field for field, keys in _GENERIC.items() for key in keys}
_NAME_OR_EMAIL = ("first_name", "last_name", "full_name", "email")


@dataclass(frozen=True)
class ColumnMapping:
    """Which columns feed which field; ``columns[field]`` lists column indexes, best first."""

    format: str
    headers: tuple[str, ...]
    columns: Mapping[str, tuple[int, ...]]
    ignored: tuple[str, ...] = ()  # non-empty headers that feed no field

    def describe(self) -> dict[str, list[str]]:
        """Field -> header names, for a dry-run or a mapping dialog."""
        return {f: [self.headers[i] for i in cols] for f, cols in self.columns.items()}


@dataclass(frozen=True)
class PersonRecord:
    """One person read from a file; None means "not in the file", never "erase"."""

    line: int
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    phone: str | None = None
    address_line1: str | None = None
    address_line2: str | None = None
    town: str | None = None
    postcode: str | None = None
    tags: tuple[str, ...] = ()
    notes: str | None = None
    preferred_name: str | None = None
    pronouns: str | None = None
    status: str | None = None
    joined_on: date | None = None
    ladder_stage: str | None = None
    consent_email: bool | None = None
    consent_phone: bool | None = None
    consent_post: bool | None = None
    consent_date: date | None = None
    consent_source: str | None = None
    source_id: str | None = None  # the "id" column of our own export
    merged_lines: tuple[int, ...] = ()  # later rows of the same person (e.g. Eventbrite tickets)

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)


@dataclass(frozen=True)
class RowProblem:
    """A row that cannot be imported: the row number, the field, and why (for "rejected")."""

    line: int
    field: str
    reason: str

    def __post_init__(self) -> None:  # a reason quotes the cell: never a megabyte of it
        object.__setattr__(self, "reason", shorten(self.reason, MAX_REASON_CHARS))


def detect_format(headers: Iterable[str]) -> str:
    """Name of the export the headers come from, or "generic"."""
    keys = {header_key(h) for h in headers}
    raw = {h.strip().lower() for h in headers}
    if len(raw & set(OWN_EXPORT_COLUMNS)) >= 5 and {"first_name", "last_name"} <= raw:
        return "communitydesk"
    if {"firstname", "lastname"} <= keys and keys & {"email1value", "phone1value", "labels",
                                                     "address1formatted"}:
        return "google"
    if {"givenname", "familyname"} <= keys and keys & {"groupmembership", "email1value", "name"}:
        return "google_legacy"
    if "emailaddress" in keys and keys & {"memberrating", "optintime", "leid", "euid",
                                          "confirmtime", "lastchanged"}:
        return "mailchimp"
    if len(keys & {"orderno", "attendeeno", "tickettype", "attendeestatus", "orderdate"}) >= 2:
        return "eventbrite"
    action_builder_keys = {"fullname", "phonenumber", "phonenumbertype", "phonenumberextension",
                           "emailtype", "addressline1", "zip", "preferredlanguage", "assessment"}
    if {"addressline1", "zip"} <= keys or len(keys & action_builder_keys) >= 3:
        return "action_builder"
    return "generic"


def build_mapping(headers: Iterable[str], overrides: Mapping[str, str] | None = None, *,
                  source: str = "") -> ColumnMapping:
    """Map headers to fields: ``overrides`` ({"Header": "field"} from --map) first, then the
    detected export's names, then generic names. Raise ``MappingError`` if no name/e-mail column."""
    source = source or _("the file")
    headers = tuple(headers)
    fmt = detect_format(headers)
    keys = [header_key(h) for h in headers]
    forced: dict[int, str] = {}
    for header, target in (overrides or {}).items():
        target_key = target.strip().lower().replace("-", "_").replace(" ", "_")
        if target_key not in TARGETS:
            raise MappingError(_("--map {header}={target}: unknown field {field}; use one of "
                                 "{fields}").format(header=header, target=target, field=repr(target),
                                                    fields=", ".join(TARGETS)))
        matches = [i for i, k in enumerate(keys) if k == header_key(header)]
        if not matches:
            raise MappingError(_("--map {header}={target}: {name} has no column {column} "
                                 "(its columns: {columns})").format(
                                     header=header, target=target, name=source,
                                     column=repr(header), columns=", ".join(h for h in headers if h)))
        forced.update(dict.fromkeys(matches, target_key))
    forced_fields = set(forced.values())
    ranked: dict[str, list[tuple[int, int]]] = {}
    known = _KNOWN.get(fmt, {})
    numbered = _NUMBERED.get(fmt)
    for index, key in enumerate(keys):
        if index in forced:
            field, rank = forced[index], 0
        elif key in known:
            field, rank = known[key], 1 + list(known).index(key)
        elif numbered and (match := numbered.fullmatch(key)):
            field, rank = match[1], 100 + int(match[2])
        elif key in _GENERIC_BY_KEY:
            field, rank = _GENERIC_BY_KEY[key], 1000 + _GENERIC[_GENERIC_BY_KEY[key]].index(key)
        else:
            continue
        if field != "ignore" and (rank == 0 or field not in forced_fields):
            ranked.setdefault(field, []).append((rank, index))
    columns = {field: tuple(i for _, i in sorted(pairs)) for field, pairs in ranked.items()}
    if not any(f in columns for f in _NAME_OR_EMAIL):
        raise MappingError(_(
            "{name} has no usable column: it needs a name or e-mail column (found: {headers}). "
            'Name one with --map "Header=first_name" (or last_name, full_name, email)').format(
                name=source, headers=_some_headers(headers)))
    used = {i for cols in columns.values() for i in cols}
    ignored = tuple(h for i, h in enumerate(headers) if h and i not in used)
    return ColumnMapping(fmt, headers, columns, ignored)


def _some_headers(headers: list[str], count: int = 8) -> str:
    """The first few headers for a message; a file may have thousands."""
    named = [h for h in headers if h]
    if not named:
        return _("no headers")
    shown = ", ".join(shorten(h, 40) for h in named[:count])
    more = len(named) - count
    return _("{headers} and {count} more").format(headers=shown, count=f"{more:,}") \
        if more > 0 else shown


def _value(mapping: ColumnMapping, row: RowData, field: str) -> str | None:
    """The first non-empty cell among the field's columns."""
    for index in mapping.columns.get(field, ()):
        value = clean(row.get(index))
        if value is not None:
            return value
    return None


def extract_person(mapping: ColumnMapping, row: RowData) -> PersonRecord | RowProblem:
    """One row as a ``PersonRecord``, or a ``RowProblem`` saying which field is wrong.

    Text is kept as written (a cell like "=HYPERLINK(...)" stays that text); only
    e-mail is lower-cased and postcodes tidied. A row needs a name or an e-mail.
    """
    def get(field: str) -> str | None:
        return _value(mapping, row, field)

    first, last = one_line(get("first_name")), one_line(get("last_name"))
    if not first and not last:
        first, last = split_full_name(get("full_name"))
    raw_email = first_value(get("email"))
    email = normalise_email(raw_email)
    if email is not None and not is_valid_email(email):
        return RowProblem(row.line, "email", _("{value} is not a valid e-mail address").format(
            value=quoted(raw_email or "")))
    if not (first or last or email):
        return RowProblem(row.line, "name", _("no name and no e-mail address"))

    street = (get("address_line1") or "").splitlines()
    line1, line2 = clean(street[0]) if street else None, one_line(get("address_line2"))
    if len(street) > 1:
        line2 = ", ".join(p for p in [*(s.strip() for s in street[1:]), line2 or ""] if p)
    town, postcode = one_line(get("town")), tidy_postcode(get("postcode"))
    if not (line1 or line2 or town or postcode):  # only then read a whole address in one cell
        parts = split_address(get("address"), has_region=mapping.format == "mailchimp")
        line1, line2, town, postcode = parts.line1, parts.line2, parts.town, parts.postcode

    values: dict[str, object] = {
        "first_name": first, "last_name": last, "email": email,
        "phone": first_value(get("phone")), "address_line1": line1, "address_line2": line2,
        "town": town, "postcode": postcode, "notes": get("notes"),
        "preferred_name": one_line(get("preferred_name")), "pronouns": one_line(get("pronouns")),
        "ladder_stage": one_line(get("ladder_stage")), "consent_source": get("consent_source"),
        "source_id": get("id"),
    }
    tags = split_tags(get("tags"), separator="; " if mapping.format == "communitydesk" else None)
    for field in ("status", "joined_on", "consent_email", "consent_phone", "consent_post",
                  "consent_date"):
        text = get(field)
        if text is None:
            continue
        value, problem = _typed(field, text)
        if problem:
            return RowProblem(row.line, field, problem)
        values[field] = value
    for field, limit in MAX_LENGTHS.items():
        text = values.get(field)
        if isinstance(text, str) and len(text) > limit:
            return RowProblem(row.line, field, _("{count} characters, the most is {most}").format(
                count=len(text), most=limit))
    long_tag = next((t for t in tags if len(t) > MAX_TAG_LENGTH), None)
    if long_tag:
        return RowProblem(row.line, "tags", _(
            "a tag of {count} characters, the most is {most} (are the tags separated by ';' or "
            "','?)").format(count=len(long_tag), most=MAX_TAG_LENGTH))
    return PersonRecord(line=row.line, tags=tags, **values)  # type: ignore[arg-type]


def _typed(field: str, text: str) -> tuple[object, str | None]:
    """Status, dates and consent flags as values, or the reason they cannot be read."""
    lowered = text.strip().lower()
    if field == "status":
        status = _STATUS_WORDS.get(lowered, lowered)
        if status in STATUSES:
            return status, None
        return None, _("{value} is not a status (use {values})").format(
            value=quoted(text), values=", ".join(STATUSES))
    if field in ("joined_on", "consent_date"):
        parsed = parse_date(text)
        return (parsed, None) if parsed else (
            None, _("{value} is not a date (use YYYY-MM-DD)").format(value=quoted(text)))
    if lowered in _YES:
        return True, None
    if lowered in _NO:
        return False, None
    return None, _("{value} is not yes or no").format(value=quoted(text))


_COMPARED_PER_EMAIL = 50  # people sharing one e-mail compared name by name; past that, exact names


def extract_people(mapping: ColumnMapping, rows: Iterable[RowData]
                   ) -> tuple[list[PersonRecord], list[RowProblem]]:
    """Every row as a person, with rows of the same person merged.

    Rows with the same e-mail and compatible names (equal, ignoring case, or one
    missing) are one person: the first row wins, later rows fill its gaps and add
    tags, and their numbers go in ``merged_lines`` (Eventbrite lists a buyer once
    per ticket). Same e-mail under a different name stays a separate record, so
    the importer can report it instead of losing a person. Merged people are
    built once at the end, so 40,000 rows of one family address stay linear.
    """
    people: list[PersonRecord] = []
    merging: dict[int, Merging] = {}
    problems: list[RowProblem] = []
    by_email: dict[str, list[int]] = {}
    by_exact_name: dict[tuple[str, str, str], int] = {}
    for row in rows:
        record = extract_person(mapping, row)
        if isinstance(record, RowProblem):
            problems.append(record)
            continue
        if record.email:
            candidates = by_email.setdefault(record.email, [])
            same = next((i for i in candidates[:_COMPARED_PER_EMAIL]
                         if same_name(merging.get(i) or people[i], record)), None)
            if same is None and len(candidates) > _COMPARED_PER_EMAIL:
                same = by_exact_name.get(exact_name(record))
            if same is not None:
                merging.setdefault(same, Merging(people[same])).add(record)
                continue
            candidates.append(len(people))
            by_exact_name.setdefault(exact_name(record), len(people))
        people.append(record)
    for index, merged in merging.items():
        people[index] = merged.finish()
    return people, problems
