"""The run's options: what the command line chose, completed by the configuration's settings."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from mtqg_cli.config.settings import LoadedConfig
from mtqg_cli.form.options import UNIT_CHOICES, Options


def pinned(options: Options, layout: Path | None) -> Options:
    """The options with the layout a `--layout FILE.toml` pins, if one is named."""
    if layout is None:
        return options
    from mtqg_cli.form.pinning import load_pin

    return replace(options, layout=load_pin(layout))


def configured(
    options: Options,
    conf: LoadedConfig,
    unit: str | None,
    tolerance: int | None,
    rate_tolerance: float | None,
) -> Options:
    """The options with the configuration's settings where the command line left them unset
    (`unit`, `tolerance` and `rate_tolerance`: what the command line gave, None if nothing)."""
    settings = conf.settings
    layout = options.layout
    if settings.layout is not None and layout is None:
        from mtqg_cli.form.pinning import pin_from_table

        layout = pin_from_table(settings.layout, str(conf.path))
    if rate_tolerance is None:
        rate_tolerance = settings.rate_tolerance if settings.rate_tolerance is not None else 0.0
    return replace(
        options,
        unit=UNIT_CHOICES[settings.unit] if unit is None and settings.unit else options.unit,
        tolerance=settings.tolerance
        if tolerance is None and settings.tolerance is not None
        else options.tolerance,
        default_unit=UNIT_CHOICES[settings.default_unit] if settings.default_unit else None,
        sheets=tuple(settings.sheets or ()),
        rule_settings=tuple(settings.rules.items()),
        rate_tolerance=rate_tolerance,
        layout=layout,
    )
