"""Small-cell suppression: which cells of a figure may be shown.

A figure is a *cube*: every cell is one count (how many consultations, assessments, seats) at one
node of each dimension (area, period, category). Dimensions are trees of sums: an area's count is
the count booked directly on the unit plus its sub-units' counts, a quarter is the sum of its
months, "i alt" is the sum of its categories. Each such sum is a *relation* ``parent = sum of
children``, and a cell is in as many relations as it has dimensions.

The rule (``settings.TILLID_STATS_THRESHOLD``, 5 unless configured):

1. **primary**: a cell with fewer than the threshold behind it is not shown (it reads "<5");
2. **secondary**: no shown cell may let a reader work out a hidden one. From the shown cells we
   derive everything the relations give away (a parent minus all but one child, the sum of the
   children), across every dimension at once, also through cells that are never shown at all:
   the count booked directly on a unit ("the unit minus its sub-units") is a hidden cell of the
   area dimension, so the difference attack through the area filter is covered by the same rule.
   A hidden count between 1 and the threshold - 1 must stay underivable, and so must the sum of
   the hidden children of a shown parent ("these three together are 3"). Where either could be
   worked out, the smallest shown cell of that relation is hidden too, and the check runs again
   until nothing leaks. A derivable 0 is allowed: it names nobody.

Every view of a figure shows a slice of one cube computed over the whole organisation tree and the
whole year, so the same cell is hidden whichever filter the reader chose, and no pair of views
differ by a hidden cell. Exact linear combinations across several relations beyond this
derivation (a hidden 2x2 block inside a shown margin) reveal intervals, never a count; this is the
usual standard of official statistics (see docs/statistics.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

Relation = tuple[int, tuple[int, ...]]  # (parent cell, child cells)


@dataclass(frozen=True)
class Protected:
    shown: list[bool]
    primary: list[bool]  # hidden because the cell itself is small


def protect(
    values: Sequence[int],
    relations: Sequence[Relation],
    *,
    threshold: int,
    never_shown: Sequence[bool] | None = None,
    nested: Sequence[Sequence[int]] | None = None,
) -> Protected:
    """Which cells may be shown: ``values[i]`` is cell i's count; ``never_shown`` marks cells
    that exist only to be protected (a unit's directly booked count). ``nested[r][j]`` is the
    relation that sums child j of relation r along the same tree (a unit's sub-units, a
    quarter's months), or -1: a reader subtracts the shown descendants at any depth, so the
    check looks through hidden children down to the shown ones."""
    count = len(values)
    hidden_always = list(never_shown) if never_shown is not None else [False] * count
    primary = [values[i] < threshold and not hidden_always[i] for i in range(count)]
    shown = [not hidden_always[i] and values[i] >= threshold for i in range(count)]
    memberships: list[list[int]] = [[] for _ in range(count)]
    for index, (parent, children) in enumerate(relations):
        memberships[parent].append(index)
        for child in children:
            memberships[child].append(index)

    while True:
        known, source = _derive(shown, relations, memberships)
        leaking: list[int] = []
        for cell in range(count):
            if known[cell] and not shown[cell] and 0 < values[cell] < threshold:
                leaking.append(source[cell])
        for index, (parent, children) in enumerate(relations):
            if not known[parent]:
                continue
            unknown = [child for child in children if not known[child]]
            if len(unknown) >= 2 and 0 < sum(values[child] for child in unknown) < threshold:
                leaking.append(index)
            elif nested is not None and unknown:
                rest, uncovered = _remainder(index, relations, nested, known, values)
                if uncovered and 0 < rest < threshold:
                    leaking.append(index)
        if not leaking:
            return Protected(shown=shown, primary=primary)
        hidden = [
            _hide_one(index, shown, known, source, relations, values, set())
            for index in dict.fromkeys(leaking)
        ]
        if not any(hidden):  # cannot happen: every derivation starts from a shown cell
            raise AssertionError("suppression found a leak it cannot close")


def _derive(
    shown: list[bool], relations: Sequence[Relation], memberships: list[list[int]]
) -> tuple[list[bool], list[int]]:
    """Everything a reader can work out from the shown cells, and the relation that gave each
    derived cell."""
    known = list(shown)
    source = [-1] * len(shown)
    pending = list(range(len(relations)))
    queued = [True] * len(relations)
    while pending:
        index = pending.pop()
        queued[index] = False
        parent, children = relations[index]
        missing = -1
        unknown = 0
        for cell in (parent, *children):
            if not known[cell]:
                unknown += 1
                missing = cell
                if unknown > 1:
                    break
        if unknown != 1:
            continue
        known[missing] = True
        source[missing] = index
        for other in memberships[missing]:
            if not queued[other]:
                queued[other] = True
                pending.append(other)
    return known, source


def _remainder(
    index: int,
    relations: Sequence[Relation],
    nested: Sequence[Sequence[int]],
    known: list[bool],
    values: Sequence[int],
) -> tuple[int, bool]:
    """What a reader learns under a known parent: its value minus every known descendant
    found by looking through unknown children (the hidden mass left), and whether that went
    deeper than one level."""
    _parent, children = relations[index]
    rest = 0
    deeper = False
    for position, child in enumerate(children):
        if known[child]:
            continue
        below = nested[index][position]
        if below >= 0:
            inner, _deeper = _remainder(below, relations, nested, known, values)
            rest += inner
            deeper = True
        else:
            rest += values[child]
    return rest, deeper


def _hide_one(
    index: int,
    shown: list[bool],
    known: list[bool],
    source: list[int],
    relations: Sequence[Relation],
    values: Sequence[int],
    seen: set[int],
) -> bool:
    """Hide the smallest shown cell of relation ``index`` (a child before its parent); when the
    relation has none, break the derivation one step back."""
    seen.add(index)
    parent, children = relations[index]
    candidates = [cell for cell in children if shown[cell]]
    if not candidates and shown[parent]:
        candidates = [parent]
    if candidates:
        shown[min(candidates, key=lambda cell: (values[cell], cell))] = False
        return True
    for cell in (parent, *children):
        origin = source[cell]
        if (
            known[cell]
            and origin >= 0
            and origin not in seen
            and _hide_one(origin, shown, known, source, relations, values, seen)
        ):
            return True
    return False
