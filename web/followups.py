"""What a follow-up says again: the summary only when it changed, and then what changed.

The dialogue writes its summary ("J'ai compris :") as one ``- `` line per fact, between a
heading and a closing line. A follow-up that leaves the facts as they were shows no summary
(the earlier one still stands); one that changes them says which facts are new and which are
no longer kept, with the whole summary one click away.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

BULLET = "- "


@dataclass(frozen=True)
class SummaryChange:
    """How this turn's summary differs from the last one shown.

    Attributes:
        added: facts said now and not before (as the summary writes them: escaped text).
        removed: facts said before and no longer.
    """

    added: tuple[Markup, ...] = ()
    removed: tuple[Markup, ...] = ()


def facts(summary: str) -> list[str]:
    """The fact lines of a summary, without their bullet, in order."""
    lines = (line.strip() for line in summary.splitlines())
    return [line[len(BULLET) :].strip() for line in lines if line.startswith(BULLET)]


def summary_change(previous: str | None, current: str | None) -> SummaryChange | None:
    """What changed from ``previous`` to ``current`` (both as the dialogue wrote them).

    ``None`` when there is nothing to compare (no summary now, or none before: the summary is
    then shown whole); an empty change when the facts are the same.
    """
    if current is None or previous is None:
        return None
    before, now = facts(previous), facts(current)
    if not before and not now:
        return SummaryChange()  # "looking for modules that fit": nothing to say again
    # The dialogue escaped what it inserted: the lines are safe markup as they are.
    return SummaryChange(
        added=tuple(Markup(line) for line in now if line not in before),
        removed=tuple(Markup(line) for line in before if line not in now),
    )
