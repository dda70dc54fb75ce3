"""The area dimension: the organisation tree, and which part of it a manager may see.

A manager sees their own unit and every unit below it. Figures are computed over the whole
tree of the manager's administration (its root), so that every manager sees the same cells
hidden for the same area: two managers comparing their pages learn nothing one page hid.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tillid.accounts.models import OrgUnit
from tillid.stats.cube import Dimension

WHOLE = "alle"  # the one area of figures that belong to no unit (courses are the city's)


@dataclass(frozen=True)
class Unit:
    pk: int
    name: str
    parent_id: int | None
    depth: int


@dataclass(frozen=True)
class Tree:
    root: Unit
    units: dict[int, Unit]  # every unit under the root, the root too
    children: dict[int, list[int]]
    administrations: list[Unit]  # every root of the organisation (for "requesting administration")

    def below(self, pk: int) -> list[int]:
        """``pk`` and every unit under it, depth first in name order (how the filter lists them)."""
        result = [pk]
        for child in self.children.get(pk, []):
            result.extend(self.below(child))
        return result

    def dimension(self) -> Dimension:
        """Subtree totals ("s<pk>", shown) and directly booked counts ("d<pk>", never shown)."""
        nodes: list[str] = []
        relations: list[tuple[str, tuple[str, ...]]] = []
        for pk in reversed(self.below(self.root.pk)):  # children before parents
            nodes.extend([f"s{pk}", f"d{pk}"])
            relations.append(
                (f"s{pk}", (f"d{pk}", *(f"s{child}" for child in self.children.get(pk, []))))
            )
        return Dimension(
            name="area",
            nodes=tuple(nodes),
            relations=tuple(relations),
            never_shown=frozenset(node for node in nodes if node.startswith("d")),
            additive=True,
        )


def tree_for_unit(unit_id: int) -> Tree:
    """The tree of the administration ``unit_id`` belongs to: one query for the whole table
    (units are few; their names are the units', never a person's)."""
    rows = list(OrgUnit.objects.values_list("pk", "name", "parent_id").order_by("name", "pk"))
    parents = {pk: parent for pk, _name, parent in rows}
    root_id = unit_id
    while parents.get(root_id) is not None:
        root_id = parents[root_id]
    children: dict[int, list[int]] = {}
    for pk, _name, parent in rows:
        if parent is not None:
            children.setdefault(parent, []).append(pk)
    names = {pk: name for pk, name, _parent in rows}
    units: dict[int, Unit] = {}

    def visit(pk: int, depth: int) -> None:
        units[pk] = Unit(pk=pk, name=names[pk], parent_id=parents[pk], depth=depth)
        for child in children.get(pk, []):
            visit(child, depth + 1)

    visit(root_id, 0)
    return Tree(
        root=units[root_id],
        units=units,
        children={pk: kids for pk, kids in children.items() if pk in units},
        administrations=[
            Unit(pk=pk, name=name, parent_id=None, depth=0)
            for pk, name, parent in rows
            if parent is None
        ],
    )


def direct_node(tree: Tree, unit_id: int | None) -> str | None:
    """The area node a row booked on ``unit_id`` counts at, or None outside the tree."""
    if unit_id is None or unit_id not in tree.units:
        return None
    return f"d{unit_id}"


def whole_dimension() -> Dimension:
    return Dimension(name="area", nodes=(WHOLE,))


def in_tree(tree: Tree, unit_ids: Iterable[int | None]) -> list[int]:
    return [pk for pk in unit_ids if pk is not None and pk in tree.units]
