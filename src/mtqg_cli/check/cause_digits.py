"""Figures as a form shows them: the values two adjacent digits swapped would give, in the sheet's unit."""

from __future__ import annotations

from mtqg_cli.model.vocabulary import UNIT_DECIMALS, Unit


def shown_step(value: int, unit: Unit) -> int:
    """The đồng one last shown digit stands for (1.000 in triệu đồng shown to three decimals);
    1 when the figure has more digits than the unit shows (it is then read as typed in đồng)."""
    step = unit.size // 10 ** UNIT_DECIMALS[unit]
    return step if step > 1 and value % step == 0 else 1


def transpositions(value: int, unit: Unit) -> list[int]:
    """Every figure (đồng) obtained by swapping two adjacent, different digits of `value` as the
    sheet shows it; a swap that would bring a zero to the front is no typing slip and is left out."""
    if value == 0:
        return []
    magnitude = abs(value)
    step = shown_step(magnitude, unit)
    digits = str(magnitude // step)
    sign = -1 if value < 0 else 1
    found: list[int] = []
    for i in range(len(digits) - 1):
        first, second = digits[i], digits[i + 1]
        if first == second or (i == 0 and second == "0"):
            continue
        swapped = digits[:i] + second + first + digits[i + 2 :]
        found.append(sign * int(swapped) * step)
    return found


def could_be_swap(gap: int, unit: Unit, tolerance: int) -> bool:
    """Whether a gap is what swapping two adjacent digits makes: 9 × (a − b) × 10^k in the
    digits shown (or in đồng); asked once per mismatch, so the digits of every line are swapped
    only where a swap can close it."""
    size = abs(gap)
    steps = {unit.size // 10 ** UNIT_DECIMALS[unit], 1}
    for step in steps:
        place = 9 * step
        while place <= size + tolerance:
            if any(abs(size - digit * place) <= tolerance for digit in range(1, 10)):
                return True
            place *= 10
    return False
