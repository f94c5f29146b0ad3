"""The Attendance screen, the door check-in kiosk, the legacy register import and the member panel."""
