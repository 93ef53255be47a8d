"""How much disk a flood of web chat uploads can take: the upload limits, measured.

Starts the real server (`sangkien serve`, SQLite, the limits of config.example.toml unless
overridden), then floods /webchat/api/upload:

1. anonymous visitors (no consent) each send a file: every one must be refused (403);
2. chunked bodies far over the per-file cap, without a length;
3. consented visitors from many addresses (X-Forwarded-For, which uvicorn trusts from
   127.0.0.1 only) each send files of the maximum size until refused.

It reports the answers by status and the disk used under the data folder afterwards
(database included), to compare with `webchat.upload_quota_total_mb`. Not run by the tests.

    .venv/bin/python -m bench.upload_flood
    .venv/bin/python -m bench.upload_flood --addresses 4 --sessions 3 --total-mb 200
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import tempfile
import time
from pathlib import Path

import httpx

from tests.support.server import ServerProcess, write_config

WEB = {"X-Requested-With": "sangkien-webchat"}
MB = 1024 * 1024


def _pdf(size: int) -> bytes:
    return b"%PDF-1.4\n" + b"0" * (size - 9)


async def _consented(client: httpx.AsyncClient, n: int) -> None:
    await client.get("/")
    await client.post("/webchat/api/messages", json={"text": "/start", "client_id": f"f{n:07d}a"})
    agreed = {"choice": "consent:yes", "label": "Đồng ý", "client_id": f"f{n:07d}b"}
    response = await client.post("/webchat/api/messages", json=agreed)
    response.raise_for_status()


async def _upload(client: httpx.AsyncClient, body: bytes, n: int) -> int:
    files = {"file": (f"tep-{n}.pdf", body, "application/pdf")}
    try:
        response = await client.post(
            "/webchat/api/upload", files=files, data={"client_id": f"u{n:09d}"}
        )
    except httpx.HTTPError:
        return 0  # the server closed an over-size body early
    return response.status_code


async def _anonymous(url: str, count: int, size: int, counts: collections.Counter[str]) -> None:
    body = _pdf(size)
    for n in range(count):
        async with httpx.AsyncClient(base_url=url, headers=WEB, timeout=60) as client:
            counts[f"anonymous {await _upload(client, body, n)}"] += 1


async def _visitor(
    url: str, address: str, n: int, file_mb: int, counts: collections.Counter[str]
) -> None:
    headers = WEB | {"X-Forwarded-For": address}
    body = _pdf(file_mb * MB)
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=120) as client:
        await _consented(client, n)
        for attempt in range(100):
            status = await _upload(client, body, n * 1000 + attempt)
            counts[f"consented {status}"] += 1
            if status != 200:
                return


async def _oversize(url: str, count: int, file_mb: int, counts: collections.Counter[str]) -> None:
    async def chunks() -> object:
        yield b'--b\r\nContent-Disposition: form-data; name="file"; filename="x.pdf"\r\n\r\n'
        yield b"%PDF-1.4\n"
        for _ in range(file_mb * 4 + 64):
            yield b"0" * (MB // 2)

    headers = WEB | {
        "X-Forwarded-For": "10.9.9.9",
        "Content-Type": "multipart/form-data; boundary=b",
    }
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=120) as client:
        await _consented(client, 9_000_000)
        for _ in range(count):
            try:
                response = await client.post("/webchat/api/upload", content=chunks())  # type: ignore[arg-type]
                counts[f"chunked over the cap {response.status_code}"] += 1
            except httpx.HTTPError:
                counts["chunked over the cap: connection closed"] += 1


async def _flood(url: str, args: argparse.Namespace) -> collections.Counter[str]:
    counts: collections.Counter[str] = collections.Counter()
    await _anonymous(url, args.anonymous, args.file_mb * MB, counts)
    await _oversize(url, 3, args.file_mb, counts)
    visitors = [
        (f"10.0.{a}.1", a * args.sessions + s)
        for a in range(args.addresses)
        for s in range(args.sessions)
    ]
    gate = asyncio.Semaphore(args.concurrency)

    async def one(address: str, n: int) -> None:
        async with gate:
            await _visitor(url, address, n, args.file_mb, counts)

    await asyncio.gather(*(one(address, n) for address, n in visitors))
    return counts


def _disk(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    uploads = [p for p in files if "uploads" in p.parts]
    return sum(p.stat().st_size for p in files), sum(p.stat().st_size for p in uploads)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--addresses", type=int, default=10)
    parser.add_argument("--sessions", type=int, default=8, help="visitors per address")
    parser.add_argument("--anonymous", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--file-mb", type=int, default=20)
    parser.add_argument("--session-mb", type=int, default=60)
    parser.add_argument("--address-mb", type=int, default=300)
    parser.add_argument("--total-mb", type=int, default=2048)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sangkien-flood-") as tmp:
        root = Path(tmp)
        webchat = {
            "upload_max_mb": args.file_mb,
            "upload_quota_session_mb": args.session_mb,
            "upload_quota_address_mb": args.address_mb,
            "upload_quota_total_mb": args.total_mb,
        }
        sections = {
            "server": {"data_dir": str(root / "data")},
            "database": {"url": f"sqlite:///{root}/data/sangkien.db"},
            "scheduler": {"enabled": False},
            "webchat": webchat,
        }
        with ServerProcess(write_config(root / "config.toml", sections)) as server:
            started = time.perf_counter()
            counts = asyncio.run(_flood(server.url, args))
            elapsed = time.perf_counter() - started
            alive = httpx.get(f"{server.url}/healthz").status_code
        total, uploads = _disk(root / "data")
    print(
        f"limits: file {args.file_mb} MB, session {args.session_mb} MB, "
        f"address {args.address_mb} MB, total {args.total_mb} MB"
    )
    print(
        f"flood: {args.anonymous} anonymous, {args.addresses} addresses × {args.sessions} "
        f"consented visitors, 3 chunked over-size bodies; {elapsed:.1f} s"
    )
    for key, value in sorted(counts.items()):
        print(f"  {key}: {value}")
    print(f"/healthz after the flood: {alive}")
    print(
        f"disk used under the data folder: {total / MB:.1f} MB "
        f"(uploads {uploads / MB:.1f} MB; the rest is the database)"
    )


if __name__ == "__main__":
    main()
