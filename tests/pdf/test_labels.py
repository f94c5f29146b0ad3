"""Address labels measured against the label makers' sheet geometry, read back with pdftotext -bbox."""

from __future__ import annotations

import random
import re
import subprocess
from pathlib import Path

import pytest

from communitydesk.errors import UserError
from communitydesk.pdf.labels import LAYOUTS, custom_layout, render_labels
from tests.pdf.poppler import page_count, tool

MM = 72 / 25.4
TOLERANCE = 0.5 * MM
# The makers' published geometry (mm): columns, rows, label w, h, left margin, top margin, pitch across, down
SHEETS = {
    "L7160": (3, 7, 63.5, 38.1, 7.25, 15.15, 66.04, 38.1),
    "L7163": (2, 7, 99.1, 38.1, 4.65, 15.15, 101.6, 38.1),
    "5160": (3, 10, 66.675, 25.4, 4.7625, 12.7, 69.85, 25.4),
}
_PAGE = re.compile(r"<page width=\"([\d.]+)\" height=\"([\d.]+)\">(.*?)</page>", re.S)
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


def words(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Each page's words with their boxes in points from the top-left corner."""
    out = subprocess.run([tool("pdftotext"), "-bbox", "-enc", "UTF-8", str(pdf), "-"],
                         check=True, capture_output=True, text=True).stdout
    return [[(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in _WORD.findall(body)]
            for _, _, body in _PAGE.findall(out)]


def boxes(sheet: str) -> list[tuple[float, float, float, float]]:
    cols, rows, w, h, left, top, across, down = SHEETS[sheet]
    return [((left + c * across) * MM, (top + r * down) * MM, (left + c * across + w) * MM,
             (top + r * down + h) * MM) for r in range(rows) for c in range(cols)]


def box_of(word: tuple, sheet_boxes: list) -> int | None:
    x0, y0, x1, y1, _ = word
    for index, (bx0, by0, bx1, by1) in enumerate(sheet_boxes):
        if (bx0 - TOLERANCE <= x0 and x1 <= bx1 + TOLERANCE
                and by0 - TOLERANCE <= y0 and y1 <= by1 + TOLERANCE):
            return index
    return None


@pytest.mark.parametrize("sheet", sorted(SHEETS))
def test_each_address_sits_in_its_label_from_the_start_label(tmp_path, sheet):
    layout = LAYOUTS[sheet]
    per_sheet = SHEETS[sheet][0] * SHEETS[sheet][1]
    addresses = [(f"Person{n} Surname{n}", f"{n} High Street", "Leeds", "LS6 1AA") for n in range(per_sheet + 3)]
    pdf = tmp_path / "labels.pdf"
    render_labels(addresses, pdf, layout, start_at=4, outline=True)
    assert page_count(pdf) == 2
    sheet_boxes = boxes(sheet)
    pages = words(pdf)
    for page_number, page in enumerate(pages):
        for word in page:
            index = box_of(word, sheet_boxes)
            assert index is not None, f"{word[4]!r} on page {page_number + 1} is outside every label"
            match = re.fullmatch(r"Person(\d+)", word[4])
            if match:  # person n is on label start + n, counted across the sheets
                slot = 3 + int(match[1])
                assert (page_number, index) == divmod(slot, per_sheet), word
                # the name starts the padding's width inside the label's left edge, to 0.5 mm
                padding = (2 if sheet == "5160" else 3) * MM
                assert abs(word[0] - (sheet_boxes[index][0] + padding)) <= TOLERANCE, word
    assert len([w for p in pages for w in p if w[4].startswith("Person")]) == len(addresses)


def test_500_long_unicode_addresses_never_overflow(tmp_path):
    rng = random.Random(18)
    pieces = ["Włodzimierz", "Brzęczyszczykiewicz", "Κωνσταντινούπολη", "Нижний-Новгород", "Şükrü",
              "Ölüdeniz", "Wrocławskiego", "Αλεξανδρούπολη", "Заводская", "Sankt-Peterburgskaya"]

    def line(n: int) -> str:
        return " ".join(rng.choice(pieces) for _ in range(n))

    addresses = [(line(rng.randint(2, 6)), line(rng.randint(3, 14)), line(rng.randint(0, 9)),
                  line(rng.randint(1, 4)), f"AB{n} 3CD") for n in range(500)]
    pdf = tmp_path / "long.pdf"
    render_labels(addresses, pdf, LAYOUTS["L7160"])
    assert page_count(pdf) == 24  # 500 / 21, rounded up
    sheet_boxes = boxes("L7160")
    for page in words(pdf):
        for word in page:
            assert box_of(word, sheet_boxes) is not None, f"{word[4]!r} spills out of its label"


def test_custom_grid_and_bad_grids_are_refused(tmp_path):
    layout = custom_layout(rows=4, columns=2, label_width_mm=99, label_height_mm=67.7, left_mm=6,
                           top_mm=13, across_mm=99, down_mm=67.7)
    pdf = tmp_path / "custom.pdf"
    render_labels([("Zoë Ångström", "1 Elm St", "Leeds")], pdf, layout, start_at=8)
    (x0, y0, _, _, text), *_ = words(pdf)[0]
    assert text == "Zoë" and 105 * MM <= x0 <= 110 * MM and 216 * MM <= y0 <= 280 * MM
    with pytest.raises(UserError, match="do not fit"):
        custom_layout(rows=8, columns=2, label_width_mm=99, label_height_mm=67.7, left_mm=6,
                      top_mm=13, across_mm=99, down_mm=67.7)
    with pytest.raises(UserError, match="overlap"):
        custom_layout(rows=2, columns=2, label_width_mm=99, label_height_mm=30, left_mm=6,
                      top_mm=13, across_mm=90, down_mm=30)
    with pytest.raises(UserError, match="start label"):
        render_labels([], pdf, layout, start_at=9)
