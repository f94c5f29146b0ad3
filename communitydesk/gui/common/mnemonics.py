"""Alt letters for items whose words come from elsewhere (page titles in the Go menu, #19).

Each text gets the first letter of one of its words not taken yet, else any letter not taken:
"Members", "Meetings", "Actions", "Attendance" become "&Members", "M&eetings", "&Actions",
"A&ttendance". It works on the translated words, so every language gets unique letters.
"""

from __future__ import annotations


def with_mnemonics(texts: list[str], taken: str = "") -> list[str]:
    """``texts`` with an "&" before a letter no earlier text (nor ``taken``) uses."""
    used = set(taken.lower())
    out = []
    for text in texts:
        plain = text.replace("&", "&&")
        starts = [i for i, ch in enumerate(text) if ch.isalnum() and (i == 0 or not text[i - 1].isalnum())]
        others = [i for i, ch in enumerate(text) if ch.isalnum() and i not in starts]
        pick = next((i for i in starts + others if text[i].lower() not in used), None)
        if pick is None:
            out.append(plain)
            continue
        used.add(text[pick].lower())
        out.append(text[:pick].replace("&", "&&") + "&" + text[pick:].replace("&", "&&"))
    return out
