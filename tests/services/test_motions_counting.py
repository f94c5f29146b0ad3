"""The counting rule (DESIGN.md): carried / lost / not quorate / pending, table-driven."""

from __future__ import annotations

import pytest

from communitydesk.services.motions.counting import Figures, result


@pytest.mark.parametrize(("figures", "majority", "quorate", "casting", "expected"), [
    (None, "simple", True, None, "pending"),
    (None, "simple", False, None, "pending"),            # no votes yet: pending even when inquorate
    ((10, 9, 3), "simple", True, None, "carried"),
    ((9, 10, 0), "simple", True, None, "lost"),
    ((10, 10, 0), "simple", True, None, "lost"),          # a tie is lost
    ((10, 10, 0), "simple", True, "for", "carried"),      # ... unless the chair's casting vote is for
    ((10, 10, 0), "simple", True, "against", "lost"),
    ((0, 0, 12), "simple", True, None, "lost"),           # all abstentions: nothing cast
    ((0, 0, 12), "simple", True, "for", "lost"),          # a casting vote needs a tie of votes cast
    ((0, 0, 0), "simple", True, None, "lost"),
    ((1, 0, 40), "simple", True, None, "carried"),        # abstentions are not cast
    ((10, 9, 0), "simple", False, None, "not quorate"),
    ((20, 10, 5), "two-thirds", True, None, "carried"),   # exactly 2/3
    ((19, 10, 0), "two-thirds", True, None, "lost"),
    ((2, 1, 9), "two-thirds", True, None, "carried"),
    ((10, 10, 0), "two-thirds", True, "for", "lost"),     # a casting vote never makes two-thirds
    ((15, 5, 0), "three-quarters", True, None, "carried"),  # exactly 3/4
    ((14, 5, 0), "three-quarters", True, None, "lost"),
    ((30, 1, 0), "three-quarters", False, None, "not quorate"),
])
def test_the_rule(figures, majority, quorate, casting, expected) -> None:  # noqa: ANN001
    counted = Figures(*figures) if figures is not None else None
    assert result(counted, majority, quorate=quorate, casting_vote=casting).value == expected
