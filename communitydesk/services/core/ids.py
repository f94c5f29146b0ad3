"""Typed ids so a member id is never passed where a meeting id belongs."""

from typing import NewType

MemberId = NewType("MemberId", int)
MeetingId = NewType("MeetingId", int)
TagId = NewType("TagId", int)
ActionId = NewType("ActionId", int)
OneToOneId = NewType("OneToOneId", int)
