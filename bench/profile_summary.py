"""Where the server's CPU goes, from the py-spy raw profiles that side_by_side --profile writes.

Each busy sample (threads waiting on a lock, a queue or the selector are left out) is put in
the first cost centre whose frame it contains, outermost rule first, so the shares add up to
100 %. The centres name the stages an operator sees in /metrics.

    .venv/bin/python -m bench.profile_summary /tmp/prof/*.txt
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

IDLE = (
    "Condition.wait ",
    "_worker (concurrent/futures/thread.py:81)",
    "EpollSelector.select ",
    "Event.wait ",
)
# (cost centre, a frame that marks it); the first that matches a sample wins.
CENTRES = (
    ("waking the event loop from worker threads", "BaseSelectorEventLoop._write_to_self ("),
    ('"typing…" indicator', "send_typing ("),
    ("callback answers (answerCallbackQuery)", "answer_callback"),
    ("outbox: sends to the platform (PTB + HTTP client)", "TelegramChannel.send ("),
    # py-spy --nonblocking may cut a stack short: its innermost frames still tell the stage
    ("outbox: sends to the platform (PTB + HTTP client)", "Bot._post ("),
    ("outbox: sends to the platform (PTB + HTTP client)", "AiohttpRequest.do_request ("),
    ("outbox: sends to the platform (PTB + HTTP client)", "ClientSession._request ("),
    (
        "outbox: sends to the platform (PTB + HTTP client)",
        "HTTPXRequest.do_request (",
    ),  # httpx: older copies (--before)
    ("outbox: sends to the platform (PTB + HTTP client)", "AsyncClient.send ("),
    ("outbox: finding due messages", "OutboxSender._due ("),
    ("outbox: storing outcomes", "OutboxSender._write_batch"),
    ("outbox: storing outcomes", "OutboxSender._record"),
    ("update: checklist and similar entries at submit", "WritingHelp.assess ("),
    ("update: dialogue step and effects", "Runner._apply ("),
    ("update: read identity and state (locking)", "open_conversation ("),
    ("update: dedupe claim", "claim_update ("),
    ("update: store state and queue replies", "Runner._finish ("),
    ("update: transaction begin/commit", "GroupCommit._transaction ("),
    ("update: transaction begin/commit", "Database.write ("),
    ("update: other work in the runner", "Runner.handle ("),
    ("webhook intake (HTTP, parse, middleware)", "RequestResponseCycle.run_asgi ("),
    ("webhook intake (HTTP, parse, middleware)", "HttpToolsProtocol"),
    ("event loop and sockets", "BaseEventLoop._run_once ("),
    ("similarity index upkeep", "SimilarityService."),
    ("scheduler and other background work", "Thread._bootstrap ("),
)


def summarise(path: Path) -> tuple[int, Counter[str]]:
    centres: Counter[str] = Counter()
    total = 0
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        frames = stack.split(";")
        if any(frames[-1].startswith(idle) for idle in IDLE):
            continue
        total += int(count)
        name = next(
            (centre for centre, mark in CENTRES if any(mark in frame for frame in frames)),
            "other",
        )
        centres[name] += int(count)
    return total, centres


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("profiles", type=Path, nargs="+")
    parser.add_argument("--top", type=int, default=8)
    args = parser.parse_args()
    for path in args.profiles:
        total, centres = summarise(path)
        print(f"{path.name}: {total} busy samples")
        for name, count in centres.most_common(args.top):
            print(f"  {count / max(total, 1):6.1%}  {name}")


if __name__ == "__main__":
    main()
