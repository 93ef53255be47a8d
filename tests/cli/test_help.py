"""The command line's shape: the contract's commands and options, help in Vietnamese and in
English by locale, shell completion, and the exit codes (0 done, 1 could not, 2 wrong usage)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest

from cli.main import build, main
from tests.support.server import ROOT

# DESIGN.md §3 (and the options each command had under argparse): never fewer.
CONTRACT: dict[str, set[str]] = {
    "": {"--config"},
    "serve": {"--config", "--host", "--port"},
    "db upgrade": set(),
    "jobs": {"--force"},
    "broadcast send": {"--text", "--agency", "--channel", "--at", "--detach"},
    "broadcast status": set(),
    "broadcast cancel": set(),
    "export": {"--format", "--out", "--status", "--since"},
    "roles": {"--role", "--user"},
    "webhook": {"--channel"},
    "tokens create": {"--name", "--role", "--user", "--expires"},
    "tokens list": set(),
    "tokens revoke": set(),
    "councils list": set(),
    "councils add": {"--council", "--member", "--level", "--unit", "--role"},
    "councils remove": {"--council", "--member"},
    "units import": {"--csv"},
    "import": {"--xlsx", "--sheet"},
    "backup": {"--out"},
    "restore": {"--force"},
}
VIETNAMESE = re.compile(r"[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]",
                        re.IGNORECASE)  # fmt: skip


def _commands(group: click.Group, prefix: str = "") -> dict[str, click.Command]:
    found: dict[str, click.Command] = {prefix: group} if not prefix else {}
    for name, command in group.commands.items():
        path = f"{prefix} {name}".strip()
        if isinstance(command, click.Group):
            found.update(_commands(command, path))
        else:
            found[path] = command
    return found


def _locale(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", lang)


def test_every_command_and_option_of_the_contract_is_there() -> None:
    commands = _commands(build())
    for path, options in CONTRACT.items():
        assert path in commands, path
        names = {o for p in commands[path].params for o in p.opts if o.startswith("--")}
        assert options <= names, (path, options - names)


def _texts(monkeypatch: pytest.MonkeyPatch, lang: str) -> dict[str, list[str]]:
    """Every command's help and its options' help, as built under this locale."""
    _locale(monkeypatch, lang)
    return {
        path: [command.help or "", *(getattr(p, "help", None) or "" for p in command.params)]
        for path, command in _commands(build()).items()
    }


def test_every_help_text_is_written_in_both_languages(monkeypatch: pytest.MonkeyPatch) -> None:
    vietnamese, english = _texts(monkeypatch, "vi_VN.UTF-8"), _texts(monkeypatch, "en_US.UTF-8")
    assert vietnamese.keys() == english.keys()
    for path, texts in vietnamese.items():
        for vi, en in zip(texts, english[path], strict=True):
            assert vi and en, f"{path}: a help text is missing"
            assert vi != en, f"{path}: {en!r} is not translated"
            assert VIETNAMESE.search(vi), f"{path}: {vi!r} is not Vietnamese"


@pytest.mark.parametrize(
    ("lang", "usage", "help_line", "options"),
    [
        ("vi_VN.UTF-8", "Cách dùng: sangkien", "Hiện trợ giúp này rồi thoát.", "Tùy chọn:"),
        ("C.UTF-8", "Cách dùng: sangkien", "Hiện trợ giúp này rồi thoát.", "Tùy chọn:"),
        ("en_US.UTF-8", "Usage: sangkien", "Show this message and exit.", "Options:"),
    ],
)
def test_help_in_the_locales_language_for_every_command(
    lang: str, usage: str, help_line: str, options: str, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    texts = _texts(monkeypatch, lang)
    for path, (described, *_) in texts.items():
        assert main([*path.split(), "--help"]) == 0, path
        out = capsys.readouterr().out
        assert f"{usage} {path}".rstrip() in out, out
        flowing = " ".join(out.split())  # the help wraps lines at the terminal's width
        assert help_line in out and options in out and " ".join(described.split()) in flowing


def test_the_language_follows_gettexts_order(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _locale(monkeypatch, "vi_VN.UTF-8")
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    assert main(["tokens", "--help"]) == 0
    assert "Create, list or revoke per-person API tokens." in capsys.readouterr().out
    monkeypatch.setenv("LANGUAGE", "vi:en")
    assert main(["tokens", "--help"]) == 0
    assert "Tạo, liệt kê hoặc thu hồi khóa API cá nhân." in capsys.readouterr().out


def test_shell_completion(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("_SANGKIEN_COMPLETE", "bash_source")
    with pytest.raises(SystemExit) as done:
        main([])
    assert done.value.code == 0 and "_SANGKIEN_COMPLETE=bash_complete" in capsys.readouterr().out
    monkeypatch.setenv("_SANGKIEN_COMPLETE", "bash_complete")
    for words, cword, expected in (("sangkien ro", "1", "plain,roles"),
                                   ("sangkien tokens create --role ", "4", "plain,reviewer"),
                                   ("sangkien export --format ", "3", "plain,xlsx")):  # fmt: skip
        monkeypatch.setenv("COMP_WORDS", words)
        monkeypatch.setenv("COMP_CWORD", cword)
        with pytest.raises(SystemExit):
            main([])
        assert expected in capsys.readouterr().out.splitlines(), words


@pytest.fixture
def sqlite_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SANGKIEN_CONFIG", raising=False)
    config = tmp_path / "config.toml"
    config.write_text(
        f'[database]\nurl = "sqlite:///{tmp_path}/exit.db"\n'
        f'[server]\ndata_dir = "{tmp_path}/data"\n',
        encoding="utf-8",
    )
    return str(config)


EXIT_CODES: list[tuple[list[str], int]] = [
    (["--help"], 0),
    (["roles", "--help"], 0),
    (["db", "upgrade"], 0),
    (["roles", "list"], 0),
    (["tokens", "list"], 0),
    (["tokens", "revoke", "sk_ffffffff"], 1),  # no such token
    (["councils", "remove", "--council", "Hội đồng không có"], 1),  # nothing to remove
    (["import", "--xlsx", "khong-co.xlsx"], 1),  # the file cannot be read
    (["units", "import", "--csv", "khong-co.csv"], 1),
    (["restore", "khong-co.tar.gz"], 1),
    (["backup", "--out", "sao-luu/a.tar.gz"], 0),
    ([], 2),  # no command
    (["nope"], 2),  # unknown command
    (["roles"], 2),  # missing action
    (["roles", "grant", "--role", "chief", "--user", "telegram:1"], 2),  # not a choice
    (["roles", "grant", "--role", "reviewer", "--user", "facebook:1"], 2),  # not CHANNEL:ID
    (["serve", "--port", "tám"], 2),  # not a number
    (["broadcast", "status", "x"], 2),
    (["export", "--format", "xlsx"], 2),  # --out missing
    (["export", "--format", "csv", "--out", "a.csv", "--since", "hôm qua"], 2),
    (["jobs", "run", "nope"], 2),
    (["backup"], 2),  # --out missing
    (["restore"], 2),  # FILE missing
    (["--config", "/khong/co/config.toml", "db", "upgrade"], 2),  # config error
]


@pytest.mark.parametrize(
    ("args", "code"), EXIT_CODES, ids=[" ".join(a) or "-" for a, _ in EXIT_CODES]
)
def test_exit_codes(
    args: list[str], code: int, sqlite_config: str, capsys: pytest.CaptureFixture[str]
) -> None:
    config = [] if args[:1] == ["--config"] else ["--config", sqlite_config]
    assert main(["--config", sqlite_config, "db", "upgrade"]) == 0
    capsys.readouterr()
    assert main([*config, *args] if args else []) == code
    err = capsys.readouterr().err
    if code:
        assert err.strip(), "a failure says why on stderr"


def test_db_upgrade_reports_migrations_without_alembic_plugin_noise(sqlite_config: str) -> None:
    """A fresh process, as an operator runs it (alembic sets its plugins up once per process)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("SANGKIEN_CONFIG", None)
    done = subprocess.run(
        [sys.executable, "-m", "cli", "--config", sqlite_config, "db", "upgrade"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Running upgrade" in done.stderr  # what the operator needs to see
    assert "setup plugin" not in done.stderr
