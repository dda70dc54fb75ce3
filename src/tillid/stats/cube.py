"""A figure as a cube of counts over its dimensions, with the cells that may be shown.

``Dimension`` is one axis: its nodes and its sums (``parent = children``), bottom-up. ``build``
takes the counts a source booked at the finest nodes (the unit a row belongs to, its month,
its categories), adds them up along the additive dimensions, and runs ``suppression.protect``
over every relation of every dimension at once. Views read cells with ``Cube.cell``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

from tillid.stats.suppression import Relation, protect


@dataclass(frozen=True)
class Dimension:
    name: str
    nodes: tuple[str, ...]
    # (parent, children), children before their parents; additive dimensions are summed up.
    relations: tuple[tuple[str, tuple[str, ...]], ...] = ()
    never_shown: frozenset[str] = frozenset()
    additive: bool = False


@dataclass(frozen=True)
class Cell:
    value: int
    shown: bool
    primary: bool


class Cube:
    def __init__(
        self,
        dimensions: Sequence[Dimension],
        counts: Mapping[tuple[str, ...], int],
        *,
        threshold: int,
    ) -> None:
        self.dimensions = tuple(dimensions)
        self.threshold = threshold
        self._positions = [
            {node: position for position, node in enumerate(dimension.nodes)}
            for dimension in self.dimensions
        ]
        sizes = [len(dimension.nodes) for dimension in self.dimensions]
        self._strides = [1] * len(sizes)
        for axis in range(len(sizes) - 2, -1, -1):
            self._strides[axis] = self._strides[axis + 1] * sizes[axis + 1]
        size = self._strides[0] * sizes[0] if sizes else 1
        values = [0] * size
        for key, value in counts.items():
            values[self._index(key)] += value
        relations: list[Relation] = []
        axes: list[int] = []
        for axis, dimension in enumerate(self.dimensions):
            rest = [range(n) for i, n in enumerate(sizes) if i != axis]
            stride = self._strides[axis]
            for parent, children in dimension.relations:
                parent_offset = self._positions[axis][parent] * stride
                child_offsets = [self._positions[axis][child] * stride for child in children]
                for others in product(*rest):
                    base = self._base(axis, others)
                    parent_cell = base + parent_offset
                    child_cells = tuple(base + offset for offset in child_offsets)
                    if dimension.additive:
                        values[parent_cell] = sum(values[cell] for cell in child_cells)
                    relations.append((parent_cell, child_cells))
                    axes.append(axis)
        # For the trees (areas, periods): which relation sums each child along the same axis.
        summed_by = {
            (relation[0], axis): index
            for index, (relation, axis) in enumerate(zip(relations, axes, strict=True))
            if self.dimensions[axis].additive
        }
        nested = [
            [summed_by.get((child, axis), -1) for child in relation[1]]
            if self.dimensions[axis].additive
            else [-1] * len(relation[1])
            for relation, axis in zip(relations, axes, strict=True)
        ]
        never_shown = [False] * size
        for axis, dimension in enumerate(self.dimensions):
            if not dimension.never_shown:
                continue
            stride = self._strides[axis]
            hidden_positions = {self._positions[axis][node] for node in dimension.never_shown}
            for cell in range(size):
                if (cell // stride) % sizes[axis] in hidden_positions:
                    never_shown[cell] = True
        self._values = values
        protected = protect(
            values, relations, threshold=threshold, never_shown=never_shown, nested=nested
        )
        self._shown = protected.shown
        self._primary = protected.primary

    def _base(self, axis: int, others: tuple[int, ...]) -> int:
        base = 0
        position = 0
        for i, stride in enumerate(self._strides):
            if i == axis:
                continue
            base += others[position] * stride
            position += 1
        return base

    def _index(self, key: Sequence[str]) -> int:
        return sum(
            self._positions[axis][node] * self._strides[axis] for axis, node in enumerate(key)
        )

    def cell(self, *key: str) -> Cell:
        index = self._index(key)
        return Cell(
            value=self._values[index], shown=self._shown[index], primary=self._primary[index]
        )


@lru_cache(maxsize=32)
def _cached(
    dimensions: tuple[Dimension, ...],
    counts: tuple[tuple[tuple[str, ...], int], ...],
    threshold: int,
) -> Cube:
    return Cube(dimensions, dict(counts), threshold=threshold)


def build(
    dimensions: Sequence[Dimension], counts: Mapping[tuple[str, ...], int], *, threshold: int
) -> Cube:
    """The protected cube of ``counts``, computed once per distinct input in each process: the
    result depends on nothing else, so a repeated view (the same figures, another reader, an
    export of the page just seen) skips the suppression."""
    return _cached(tuple(dimensions), tuple(sorted(counts.items())), threshold)
