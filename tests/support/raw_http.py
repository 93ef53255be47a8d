"""Hand-made HTTP/1.1 over a real socket: chunked bodies and lying headers httpx won't send."""

from __future__ import annotations

import select
import socket
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class RawAnswer:
    status: int | None  # None: the server closed without an answer
    body: bytes
    sent: int  # body bytes the server let us send


def exchange(port: int, head: str, chunks: Iterable[bytes], timeout: float = 20.0) -> RawAnswer:
    """Send `head` then the chunks, stopping as soon as the server answers or closes."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    sent = 0
    try:
        sock.sendall(head.encode("latin-1"))
        for chunk in chunks:
            readable, _, _ = select.select([sock], [], [], 0)
            if readable:
                break
            try:
                sock.sendall(chunk)
            except (BrokenPipeError, ConnectionResetError):
                break
            sent += len(chunk)
        return RawAnswer(*_read_answer(sock), sent=sent)
    finally:
        sock.close()


def _read_answer(sock: socket.socket) -> tuple[int | None, bytes]:
    data = b""
    try:
        while True:
            part = sock.recv(65536)
            if not part:
                break
            data += part
            if b"\r\n\r\n" in data and _complete(data):
                break
    except (ConnectionResetError, TimeoutError):
        pass
    if not data.startswith(b"HTTP/1.1 "):
        return None, data
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head[9:12]), body


def _complete(data: bytes) -> bool:
    head, _, body = data.partition(b"\r\n\r\n")
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return len(body) >= int(value.strip())
    return False


def chunked(payload_chunks: Iterable[bytes]) -> Iterable[bytes]:
    """Transfer-Encoding: chunked framing, ending with the zero chunk."""
    for chunk in payload_chunks:
        yield f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
    yield b"0\r\n\r\n"
