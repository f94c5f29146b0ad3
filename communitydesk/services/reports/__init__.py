"""Attendance figures for treasurers and funders, report periods, the funder workbook."""
