"""The product against a minimal in-memory python-telegram-bot bot, the same crowd, one table.

For each number of people: a real `sangkien serve` process (fresh SQLite or PostgreSQL
database) and then bench/ptb_bot.py (a ConversationHandler, state in memory), each in its own
process with the Telegram webhook, calling the same local fake Bot API (tests/fakes) with
flood limits lifted on both sides (the fake's are off; `telegram.rate_per_second` = 1000).
Every simulated person goes through the same flow of updates (a whole hiến kế: profile, then
the proposal, as tests/scripts.py has it): posts an update, waits for its 200 and for the
bot's next message to that chat, then posts the next one. "reply" = from the POST of an
update to the bot's first reply to that chat: a message, or the answer to a button press
(an answerCallbackQuery counts for the chat of its button, whether the bot called it or
named it in its answer to the webhook, which the crowd then carries out as Telegram does),
if the platform accepted it (a call refused with 429 delivered nothing).
The "typing…" bubble is not a reply. Not run by the test suite.

`--before DIR` measures a second copy of the product (say `git archive main | tar -x -C DIR`)
in the same run, for a before/after comparison on a shared machine. `--limits` keeps the
fake's flood limits on (≈30 messages/s overall, ≈1/s per chat) and the product's own
`telegram.rate_per_second` at its default, to see the tail when the platform is the bottleneck.

    .venv/bin/python -m bench.side_by_side --people 50 200 500 --db sqlite
    .venv/bin/python -m bench.side_by_side --people 200 --db postgres --profile /tmp/prof
    .venv/bin/python -m bench.side_by_side --people 200 --only product --before /tmp/main
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AsyncExitStack, contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text

from bench.thread_cpu import thread_cpu
from tests import scripts
from tests.fakes import telegram_updates as tu
from tests.fakes.telegram_api import VIA_WEBHOOK_REPLY, webhook_reply_request
from tests.support.apps import ADMIN_TOKEN, TELEGRAM_SECRET, config_sections
from tests.support.databases import drop_pg_database, pg_database_url
from tests.support.server import ROOT, ServerProcess, free_port, write_config

# People after the first meet its entry as "done before": they skip that question.
SCRIPT = scripts.skipping_difference(scripts.FULL_HIEN_KE_SCRIPT)
REPLY_TIMEOUT = 15.0  # seconds a person waits for a message before moving on
NOT_A_REPLY = frozenset({"sendChatAction"})


def _update(update_id: int, user_id: int, kind: str, value: str) -> dict[str, object]:
    if kind == "text":
        return tu.text_update(update_id, user_id, value)
    if kind == "command":
        return tu.command_update(update_id, user_id, value.lstrip("/"))
    return tu.callback_update(update_id, user_id, value)


@dataclass
class _Waiter:
    start: float
    replied: asyncio.Future[float]
    first: float | None = None


@dataclass
class _Watch:
    """Matches the fake's calls (seen in its thread) to the update each chat is waiting on."""

    loop: asyncio.AbstractEventLoop
    callback_chats: dict[str, str]
    pending: dict[str, _Waiter] = field(default_factory=dict)

    def expect(self, chat: str) -> _Waiter:
        waiter = _Waiter(time.monotonic(), self.loop.create_future())
        self.pending[chat] = waiter
        return waiter

    def __call__(self, method: str, chat: str, query: str, at: float) -> None:
        """One call the fake answered (seen in the fake's reader thread)."""
        chat = chat or self.callback_chats.get(query, "")
        if chat:
            self.loop.call_soon_threadsafe(self._seen, chat, method, at)

    def _seen(self, chat: str, method: str, at: float) -> None:
        waiter = self.pending.get(chat)
        if waiter is None or at < waiter.start or method in NOT_A_REPLY:
            return
        if waiter.first is None:
            waiter.first = at
        if method == "sendMessage" and not waiter.replied.done():
            waiter.replied.set_result(at)


@dataclass
class _Result:
    latencies: list[float] = field(default_factory=list)
    missing: int = 0
    elapsed: float = 0.0


def _first_update_id(person: int) -> int:
    return 10_000 * (person + 1)


class _Fake:
    """bench/fake_process.py in its own process (its own CPU, not the crowd's); a reader
    thread hands each call it reports to the listener and each answer to a command back."""

    def __init__(self) -> None:
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "bench.fake_process"],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
            env={**os.environ, "PYTHONWARNINGS": "ignore"},
        )
        assert self._proc.stdin is not None and self._proc.stdout is not None
        self._stdin, self._stdout = self._proc.stdin, self._proc.stdout
        first = self._stdout.readline().rstrip("\n").split("\t")
        if first[0] != "R" or len(first) != 3:
            raise RuntimeError(f"the fake did not start: {first}")
        self.url, self.token = first[1], first[2]
        self._answers: queue.Queue[str] = queue.Queue()
        self._listener: Callable[[str, str, str, float], None] | None = None
        self._reader = threading.Thread(target=self._read, name="fake-reader", daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self._stdout:
            fields = line.rstrip("\n").split("\t")
            # A refused call (429 under the flood limits, say) delivered nothing: no reply.
            if fields[0] == "C" and len(fields) == 6 and fields[5].startswith("2"):
                listener = self._listener
                if listener is not None:
                    listener(fields[1], fields[2], fields[3], float(fields[4]))
            elif fields[0] == "R":
                self._answers.put("\t".join(fields[1:]))

    def _command(self, text: str) -> str:
        self._stdin.write(text + "\n")
        self._stdin.flush()
        return self._answers.get(timeout=30)

    def on_call(self, listener: Callable[[str, str, str, float], None] | None) -> None:
        self._listener = listener

    def reset(self, *, limits: bool) -> None:
        self._command("reset")
        self._command("limits on" if limits else "limits off")

    def counts(self) -> dict[str, int]:
        return dict(json.loads(self._command("counts")))

    def close(self) -> None:
        with suppress(OSError):
            self._stdin.write("quit\n")
            self._stdin.close()
        try:
            self._proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait(timeout=15)


async def _carry_out(client: httpx.AsyncClient, fake: _Fake, answer: httpx.Response) -> None:
    """Telegram makes the call a webhook's answer names (answerCallbackQuery, say)."""
    request = webhook_reply_request(answer)
    if request is None:
        return
    method, params = request
    for _ in range(3):  # the fake, in this process, may drop a connection under the crowd
        try:
            await client.post(
                f"{fake.url}/bot{fake.token}/{method}",
                json=params,
                headers={VIA_WEBHOOK_REPLY: "1"},
            )
            return
        except httpx.TransportError:
            continue


async def _person(
    client: httpx.AsyncClient,
    fake: _Fake,
    url: str,
    person: int,
    watch: _Watch,
    result: _Result,
) -> None:
    user_id = 900_000 + person
    for offset, (kind, value) in enumerate(SCRIPT):
        update = _update(_first_update_id(person) + offset, user_id, kind, value)
        waiter = watch.expect(str(user_id))
        for attempt in range(5):  # like the platform, redeliver when a connection drops
            try:
                response = await client.post(
                    url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET}
                )
                break
            except httpx.TransportError:
                if attempt == 4:
                    raise
        response.raise_for_status()
        await _carry_out(client, fake, response)
        with suppress(TimeoutError):
            await asyncio.wait_for(asyncio.shield(waiter.replied), REPLY_TIMEOUT)
        if waiter.first is None:
            result.missing += 1
        else:
            result.latencies.append(waiter.first - waiter.start)


async def _crowd(fake: _Fake, url: str, people: int) -> _Result:
    callback_chats = {
        f"{4_000_000_000_000_000_000 + _first_update_id(n) + offset}": str(900_000 + n)
        for n in range(people)
        for offset in range(len(SCRIPT))
    }
    watch = _Watch(asyncio.get_running_loop(), callback_chats)
    fake.on_call(watch)
    result = _Result()
    # A client per person, as each is a phone of its own: one pool of `people` connections
    # costs the crowd a look at every idle connection on each request (httpcore checks that
    # each is still readable), and the crowd, not the server, ran out of CPU first.
    limits = httpx.Limits(max_connections=2, max_keepalive_connections=2)
    async with AsyncExitStack() as stack:
        clients = [
            await stack.enter_async_context(httpx.AsyncClient(timeout=60, limits=limits))
            for _ in range(people)
        ]
        try:
            start = time.monotonic()
            await asyncio.gather(
                *(_person(clients[n], fake, url, n, watch, result) for n in range(people))
            )
            result.elapsed = time.monotonic() - start
        finally:
            fake.on_call(None)
    return result


@contextmanager
def _py_spy(pid: int, out: Path | None) -> Iterator[None]:
    """Sample `pid` with py-spy while the crowd runs (when --profile is given)."""
    if out is None:
        yield
        return
    spy = shutil.which("py-spy", path=str(Path(sys.executable).parent)) or "py-spy"
    proc = subprocess.Popen(
        [
            spy,
            "record",
            "--pid",
            str(pid),
            "--format",
            "raw",
            "--rate",
            "100",
            "--nonblocking",
            "-o",
            str(out),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)


def _empty_database(db: str, folder: Path) -> str:
    """An empty database: `sangkien serve` migrates it with its own code (before or after)."""
    if db == "sqlite":
        return f"sqlite:///{folder}/sangkien.db"
    url = pg_database_url()
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    return url


@contextmanager
def _importing_from(root: Path) -> Iterator[None]:
    """The server process imports the product from `root` (not the venv's editable copy)."""
    before = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = str(root)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = before


def _product(
    fake: _Fake,
    db: str,
    people: int,
    profile: Path | None,
    *,
    root: Path = ROOT,
    limits: bool = False,
) -> _Result:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sections = config_sections(
            _empty_database(db, folder),
            folder / "data",
            telegram_url=fake.url,
            telegram_token=fake.token,
        )
        if not limits:
            sections["telegram"]["rate_per_second"] = 1000
        server = ServerProcess(write_config(folder / "config.toml", sections))
        try:
            with _importing_from(root):
                server.start(timeout=120)  # a busy shared machine takes more than 30 s
            assert server.proc is not None
            with _py_spy(server.proc.pid, profile), thread_cpu(server.proc.pid) as cpu:
                result = asyncio.run(_crowd(fake, f"{server.url}/webhook/telegram", people))
            print(f"{db}, {people} people: {cpu.line(people * len(SCRIPT))}", file=sys.stderr)
            stored = httpx.get(
                f"{server.url}/api/v1/submissions?limit=1",
                headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
            ).json()["total"]
            print(f"product ({db}), {people} people: {stored} hồ sơ stored", file=sys.stderr)
        except Exception:
            print(server.log(), file=sys.stderr)
            raise
        finally:
            server.stop()
            if db == "postgres":
                drop_pg_database()
    return result


def _ptb(fake: _Fake, people: int) -> _Result:
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "bench.ptb_bot",
            "--port",
            str(port),
            "--api-url",
            fake.url,
            "--token",
            fake.token,
            "--secret",
            TELEGRAM_SECRET,
            "--steps",
            str(len(SCRIPT)),
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise
            time.sleep(0.1)
        return asyncio.run(_crowd(fake, f"http://127.0.0.1:{port}/webhook/telegram", people))
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:  # a busy machine: do not lose the rows measured
            proc.kill()
            proc.wait(timeout=15)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _row(name: str, people: int, result: _Result) -> str:
    total = len(result.latencies) + result.missing
    cells = [f"{total / result.elapsed:,.0f}"] + [
        f"{_percentile(result.latencies, q) * 1000:,.0f} ms" for q in (0.5, 0.95, 0.99)
    ]
    return f"| {name} | {people} | " + " | ".join(cells) + f" | {result.missing} |"


def _calls(name: str, people: int, counts: dict[str, int]) -> str:
    updates = people * len(SCRIPT)
    shown = ", ".join(
        f"{method} {n / updates:.2f}" for method, n in sorted(counts.items(), key=lambda c: -c[1])
    )
    return f"- {name}, {people} people: {shown}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, nargs="+", default=[50, 200, 500])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--profile", type=Path, help="folder for py-spy raw profiles of the server")
    parser.add_argument(
        "--only", choices=["product", "ptb"], help="measure one side only (while tuning it)"
    )
    parser.add_argument("--before", type=Path, help="another copy of the product to compare")
    parser.add_argument(
        "--limits", action="store_true", help="keep Telegram's flood limits on (fake and product)"
    )
    args = parser.parse_args()
    if args.profile:
        args.profile.mkdir(parents=True, exist_ok=True)
    rows = []
    products = [("this product", ROOT)]
    if args.before:
        products = [("product before", args.before.resolve()), ("product after", ROOT)]
    calls = []
    fake = _Fake()  # its flood limits are off unless switched on
    try:
        for people in args.people:
            if args.only != "ptb":
                for name, root in products:
                    fake.reset(limits=args.limits)
                    tag = name.replace(" ", "-")
                    out = args.profile / f"{tag}-{args.db}-{people}.txt" if args.profile else None
                    result = _product(fake, args.db, people, out, root=root, limits=args.limits)
                    rows.append(_row(f"{name} ({args.db})", people, result))
                    calls.append(_calls(f"{name} ({args.db})", people, fake.counts()))
                    print(rows[-1], file=sys.stderr, flush=True)
            if args.only != "product":
                fake.reset(limits=args.limits)
                rows.append(_row("in-memory python-telegram-bot bot", people, _ptb(fake, people)))
                calls.append(_calls("in-memory python-telegram-bot bot", people, fake.counts()))
                print(rows[-1], file=sys.stderr, flush=True)
    finally:
        fake.close()
    limits = "on" if args.limits else "lifted"
    print(
        f"flow: {len(SCRIPT)} updates a person; reply = POST of an update → first reply to its"
        f" chat; flood limits {limits}"
    )
    print("| | people | updates/s | reply p50 | reply p95 | reply p99 | no reply |")
    print("|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    print("\ncalls to the platform per update (the fake's count / updates posted):")
    print("\n".join(calls))


if __name__ == "__main__":
    main()
