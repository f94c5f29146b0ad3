"""`settings show [--json]` and `settings set KEY VALUE`: the group's own name, venue, region, money and rules."""

from __future__ import annotations

import argparse

from communitydesk.cli.context import CliContext, emit
from communitydesk.i18n import _
from communitydesk.services.settings.group_settings import (
    MONTHS,
    RULES_BY_KEY,
    SettingsView,
    set_setting,
    settings_view,
)


def register(commands: argparse._SubParsersAction) -> None:
    settings = commands.add_parser("settings", help=_("the group's name, venue, phone region, money and rules"))
    sub = settings.add_subparsers(dest="settings_command", metavar="ACTION", required=True)

    p = sub.add_parser("show", help=_("every setting (the kiosk PIN only as set or not)"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=show)

    keys = ", ".join(RULES_BY_KEY)
    p = sub.add_parser("set", help=_("change one setting"), description=_(
        'KEY is one of: {keys}. Lists (ladder_stages, agenda_template) take items separated by '
        '";". Give "" to clear a setting that may be empty.').format(keys=keys))
    p.add_argument("key", metavar="KEY")
    p.add_argument("value", metavar="VALUE")
    p.set_defaults(handler=set_command)


def _shown(view: SettingsView, key: str) -> str:
    if key == "kiosk_pin_set":
        return _("yes") if view.kiosk_pin_set else _("no")
    value = getattr(view, key)
    if isinstance(value, tuple):
        return "; ".join(value)
    if key == "financial_year_start":
        return f"{value} ({MONTHS[value - 1]})"
    if key == "language" and not value:
        return _("(as the computer)")
    return str(value) if value != "" else _("(none)")


def show(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as session:
        view = settings_view(session)
    keys = [k for k in SettingsView.__dataclass_fields__ if k != "group_name_set"]
    width = max(len(k) for k in keys)
    emit(args, view, "\n".join(f"{k:<{width}}  {_shown(view, k)}" for k in keys))
    return 0


def set_command(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as session:
        set_setting(session, args.key, args.value)
        view = settings_view(session)
    key = args.key.strip().lower()
    if key == "kiosk_pin":
        print("kiosk_pin: " + (_("set") if view.kiosk_pin_set else
                               _("removed (anyone may leave the kiosk)")))
    else:
        print(f"{key}: {_shown(view, key)}")
    return 0
