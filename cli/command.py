"""Click classes for `sangkien`: help in the operator's language, and the call a command line
parses into (the function to run and its arguments), run by cli.main once settings load.

Help language: English when the locale names English (the first set of LANGUAGE, LC_ALL,
LC_MESSAGES, LANG starts with "en"), Vietnamese otherwise — also for C/POSIX, the locale of
a bare server or container. Click's own error messages stay English, as argparse's were.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import click

from webhook.config import Settings

Runner = Callable[[Settings, argparse.Namespace], int | None]

HEADINGS_VI = {
    "Options": "Tùy chọn",
    "Commands": "Lệnh",
    "Positional arguments": "Tham số",
    "Arguments": "Tham số",
}


def english() -> bool:
    """True when the locale asks for English help; the order is gettext's."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return value.split(":")[0].lower().startswith("en")
    return False


def say(vi: str, en: str) -> str:
    """The help text in the operator's language (read when the command tree is built)."""
    return en if english() else vi


class HelpFormatter(click.HelpFormatter):
    """Click's formatter with the headings in Vietnamese when the help is."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if prefix is None and not english():
            prefix = "Cách dùng: "
        super().write_usage(prog, args, prefix)

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        if not english():
            rows = [(term, _vietnamese_tags(text)) for term, text in rows]
        super().write_dl(rows, col_max, col_spacing)

    @contextmanager
    def section(self, name: str) -> Iterator[None]:
        heading = name if english() else HEADINGS_VI.get(name, name)
        with super().section(heading):
            yield


class Context(click.Context):
    formatter_class = HelpFormatter


class Command(click.Command):
    context_class = Context

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = say("Hiện trợ giúp này rồi thoát.", "Show this message and exit.")
        return option


class Group(click.Group):
    context_class = Context
    command_class = Command
    group_class = type  # subgroups are Groups too

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = say("Hiện trợ giúp này rồi thoát.", "Show this message and exit.")
        return option


@dataclass(frozen=True)
class Call:
    """What a command line asks for: run `func(settings, args)` with the config file named."""

    func: Runner
    args: argparse.Namespace

    @property
    def config(self) -> str | None:
        return getattr(self.args, "config", None)


def call(func: Runner, params: dict[str, Any]) -> Call:
    """What a Click callback returns: the call, run once the settings are loaded.

    The config file comes from the command's own --config (serve) or the top-level one;
    options given several times arrive as tuples, and the command bodies take lists.
    """
    params = dict(params)
    config = params.pop("config", None) or click.get_current_context().find_root().params.get(
        "config"
    )
    values = {k: list(v) if isinstance(v, tuple) else v for k, v in params.items()}
    return Call(func, argparse.Namespace(config=config, **values))


def _vietnamese_tags(text: str) -> str:
    """Click's own tags after an option's help, in Vietnamese."""
    return text.replace("[required]", "[bắt buộc]").replace("[default: ", "[mặc định: ")
