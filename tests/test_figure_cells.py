"""A cell as a workbook hands it over (a float, a boolean, an exponent no decimal holds):
what the import says about it, in the words a user reads."""

from __future__ import annotations

import pytest

from conftest import make_target
from gongshu_targets.core.figures.cells import ValueProblem, parse_share, parse_value

HUGE = "1e99999999999999999999999999999"  # an exponent past what a decimal can hold


def why_value(cell: object) -> str:
    with pytest.raises(ValueProblem) as exc:
        parse_value(cell, make_target(unit="万名", target=4))
    return str(exc.value)


def why_share(cell: object) -> str:
    with pytest.raises(ValueProblem) as exc:
        parse_share(cell)
    return str(exc.value)


def test_a_float_cell_is_read_as_the_decimal_it_shows():
    """3.1 from a workbook is the float nearest 3.1; read as that float's exact binary
    value it would be neither 3.1 in the message nor 3.1万 when scaled."""
    assert why_value(3.1) == (
        "3.1 people is not a whole number: a target in 10,000 people counts whole people; "
        "did you mean '3.1万' (31,000 people)?"
    )
    assert why_share(0.52) == (
        "ambiguous share: 0.52 may be 0.52% or a fraction (52%); write it with its % sign"
    )


@pytest.mark.parametrize("cell", [True, False, HUGE])
def test_a_boolean_or_an_unholdable_exponent_is_not_a_number(cell: object):
    assert why_value(cell) == "not a number"


@pytest.mark.parametrize("cell", [True, False, HUGE])
def test_a_boolean_or_an_unholdable_exponent_is_not_a_share(cell: object):
    assert why_share(cell) == "not a share"
