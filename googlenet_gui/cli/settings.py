"""The training settings on the command line, one flag per setting from its declaration
(core/runs/config.py), shared by the commands that train or start from a run's settings (train, lr-find):
--recipe and --settings FILE too, and the TrainConfig they give."""
from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path


def add_setting_flags(p: argparse.ArgumentParser) -> None:
    from ..core.runs.config import SETTINGS, TrainConfig
    from ..core.runs.recipes import RECIPES

    p.add_argument("--recipe", choices=sorted(RECIPES),
                   help="fill the settings a recipe chooses: " + "; ".join(
                       f"{key}: {recipe.summary}" for key, recipe in RECIPES.items()) + ". Settings given as well override it")
    p.add_argument("--settings", type=Path, metavar="FILE",
                   help="start from the settings in FILE (JSON, a TrainConfig's fields); --recipe and the settings "
                        "given as well override them")
    group = p.add_argument_group("training settings (default: as the window starts; on resume, the stored ones)")
    defaults = TrainConfig()
    for s in SETTINGS.values():
        if s.cli_flag is None:
            continue
        default = getattr(defaults, s.name)
        # None: not given, so that a recipe's or a settings file's value stays
        options: dict = {"dest": s.name, "default": None,
                         "help": f"{s.help} (default {'none' if default is None else default})"}
        if s.kind is bool:
            options["action"] = argparse.BooleanOptionalAction
        else:
            options["type"] = s.kind
            options["metavar"] = s.name.upper() if not s.choices else None
            if s.choices:
                options["choices"] = [value for value, _ in s.choices]
        group.add_argument(s.cli_flag, **options)


def config_from_args(args: argparse.Namespace):
    """The settings: TrainConfig's defaults (or a settings file's), then the recipe's, then the ones given on the
    command line. Raises ConfigError for a settings file that cannot be read."""
    from ..core.runs.config import SETTINGS, TrainConfig
    from ..core.runs.recipes import RECIPES

    config = TrainConfig.load(args.settings) if args.settings else TrainConfig()
    if args.recipe:
        config = RECIPES[args.recipe].apply(config)
    given = {name: getattr(args, name) for name in SETTINGS if getattr(args, name, None) is not None}
    return dataclasses.replace(config, **given)
