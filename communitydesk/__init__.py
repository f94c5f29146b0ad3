"""CommunityDesk: members, meetings, attendance and one-to-ones for volunteer groups, offline."""

__version__ = "0.1.0"
APP_NAME = "CommunityDesk"
