"""The suppression rule on small cubes computed by hand."""

from __future__ import annotations

from tillid.stats import periods
from tillid.stats.cube import Cube, Dimension
from tillid.stats.suppression import protect

CATEGORY = Dimension(
    name="c", nodes=("a", "b", "c", "total"), relations=(("total", ("a", "b", "c")),)
)


def test_primary_hides_small_cells_and_keeps_large_ones() -> None:
    result = protect([5, 4, 0, 9], [], threshold=5)
    assert result.shown == [True, False, False, True]
    assert result.primary == [False, True, True, False]


def test_a_total_never_reveals_one_hidden_part() -> None:
    # total 12 = 7 + 3 + 2: the two small ones sum to 5, so the total may stay.
    assert protect([7, 3, 2, 12], [(3, (0, 1, 2))], threshold=5).shown == [True, False, False, True]
    # total 10 = 7 + 3 + 0: 10 - 7 would give the 3 away: the 7 is hidden too.
    assert protect([7, 3, 0, 10], [(3, (0, 1, 2))], threshold=5).shown == [
        False,
        False,
        False,
        True,
    ]


def test_hidden_parts_summing_below_threshold_are_protected_together() -> None:
    # 20 = 16 + 2 + 2: "the two together are 4" is a small figure: hide 16 too.
    shown = protect([16, 2, 2, 20], [(3, (0, 1, 2))], threshold=5).shown
    assert shown == [False, False, False, True]


def test_threshold_is_configurable() -> None:
    assert protect([3, 3, 6], [(2, (0, 1))], threshold=3).shown == [True, True, True]
    assert protect([3, 3, 6], [(2, (0, 1))], threshold=5).shown == [False, False, True]


def _area() -> Dimension:
    # root R with children A and B; A has child A1. s = subtree, d = booked directly.
    return Dimension(
        name="area",
        nodes=("sA1", "dA1", "sA", "dA", "sB", "dB", "sR", "dR"),
        relations=(
            ("sA1", ("dA1",)),
            ("sA", ("dA", "sA1")),
            ("sB", ("dB",)),
            ("sR", ("dR", "sA", "sB")),
        ),
        never_shown=frozenset({"dA1", "dA", "dB", "dR"}),
        additive=True,
    )


def test_unit_minus_its_sub_units_cannot_reveal_what_is_booked_on_the_unit() -> None:
    # 3 consultations booked on the root itself, 10 in A1, 8 in B: R = 21, A = 10, B = 8.
    counts: dict[tuple[str, ...], int] = {
        ("dR", "total"): 3,
        ("dA1", "total"): 10,
        ("dB", "total"): 8,
    }
    total = Dimension(name="c", nodes=("total",))
    cube = Cube([_area(), total], counts, threshold=5)
    r, a, b = (cube.cell(node, "total") for node in ("sR", "sA", "sB"))
    assert (r.value, a.value, b.value) == (21, 10, 8)
    shown_values = [cell.value for cell in (r, a, b) if cell.shown]
    # Whatever is shown, R - A - B (= 3) must not be computable: one of the three is hidden.
    assert not (r.shown and a.shown and b.shown)
    assert shown_values  # and the figure is not wiped out altogether


def test_difference_through_a_hidden_middle_unit_is_caught() -> None:
    # A has 2 booked on itself and 10 in A1; B has 9. Hiding A alone would still let a reader
    # compute R - A1 - B = 2 (through the hidden A): the check looks through A.
    counts: dict[tuple[str, ...], int] = {
        ("dA", "total"): 2,
        ("dA1", "total"): 10,
        ("dB", "total"): 9,
    }
    total = Dimension(name="c", nodes=("total",))
    cube = Cube([_area(), total], counts, threshold=5)
    r, a1, b = (cube.cell(node, "total") for node in ("sR", "sA1", "sB"))
    assert not (r.shown and a1.shown and b.shown)


def test_year_minus_shown_months_cannot_reveal_the_other_months() -> None:
    counts: dict[tuple[str, ...], int] = {("m3", "x"): 7, ("m4", "x"): 2}
    cube = Cube([periods.dimension(), Dimension(name="c", nodes=("x",))], counts, threshold=5)
    year = cube.cell("y", "x")
    march = cube.cell("m3", "x")
    assert year.value == 9
    assert march.value == 7
    assert not (year.shown and march.shown)  # 9 - 7 = the 2 of April
    assert not cube.cell("m4", "x").shown


def test_every_view_is_a_slice_of_one_cube_so_quarters_agree_with_the_year() -> None:
    counts: dict[tuple[str, ...], int] = {
        ("m1", "x"): 6,
        ("m2", "x"): 6,
        ("m3", "x"): 6,
        ("m5", "x"): 3,
        ("m6", "x"): 3,
    }
    cube = Cube([periods.dimension(), Dimension(name="c", nodes=("x",))], counts, threshold=5)
    q1, q2, year = (cube.cell(node, "x") for node in ("q1", "q2", "y"))
    assert (q1.value, q2.value, year.value) == (18, 6, 24)
    # Q2's two hidden months sum to 6 (>= 5): Q2 and the year may be shown with Q1.
    assert q1.shown
    assert q2.shown
    assert year.shown
    assert not cube.cell("m5", "x").shown
    assert not cube.cell("m6", "x").shown
