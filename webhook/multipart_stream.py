"""A multipart form read as it arrives: small text fields, and one file written straight to
its target with a hard byte cap (nothing is spooled to a temporary file first)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import IO

from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.concurrency import run_in_threadpool

MAX_FIELD = 1024
MAX_FIELDS = 4


class BadForm(ValueError):
    """Not a multipart form this endpoint takes (several files, big fields, bad framing)."""


class FileTooLarge(Exception):
    """The file part passed the cap; what was written stays at most `cap` bytes."""


class Unwanted(Exception):
    """The file's first bytes already rule it out (checked by the caller's `plausible`)."""


@dataclass
class _Part:
    headers: dict[bytes, bytes] = field(default_factory=dict)
    name: str = ""
    filename: str | None = None
    content_type: str = ""
    data: bytearray = field(default_factory=bytearray)


@dataclass
class FormFile:
    filename: str
    content_type: str
    size: int = 0
    head: bytes = b""


@dataclass
class StreamedForm:
    fields: dict[str, str] = field(default_factory=dict)
    file: FormFile | None = None


class _Receiver:
    """Callback target for python-multipart; file bytes wait in `pending` until written."""

    def __init__(self, cap: int, head_size: int, plausible: Callable[[bytes], bool]) -> None:
        self.cap, self.head_size, self.plausible = cap, head_size, plausible
        self.form = StreamedForm()
        self.part = _Part()
        self.pending = bytearray()
        self._field = self._value = b""

    def callbacks(self) -> dict[str, Callable[..., None]]:
        return {
            "on_part_begin": self._begin,
            "on_header_field": lambda d, s, e: setattr(self, "_field", self._field + d[s:e]),
            "on_header_value": lambda d, s, e: setattr(self, "_value", self._value + d[s:e]),
            "on_header_end": self._header_end,
            "on_headers_finished": self._headers_done,
            "on_part_data": self._data,
            "on_part_end": self._end,
        }

    def _begin(self) -> None:
        self.part = _Part()

    def _header_end(self) -> None:
        self.part.headers[self._field.lower()] = self._value
        self._field = self._value = b""

    def _headers_done(self) -> None:
        disposition = self.part.headers.get(b"content-disposition", b"")
        _, options = parse_options_header(disposition)
        self.part.name = options.get(b"name", b"").decode("utf-8", "replace")
        if b"filename" in options:
            if self.form.file is not None:
                raise BadForm("one file per upload")
            raw = options[b"filename"].decode("utf-8", "replace")
            kind = self.part.headers.get(b"content-type", b"").decode("latin-1")[:100]
            self.part.filename = raw
            self.form.file = FormFile(filename=raw, content_type=kind)
        elif len(self.form.fields) >= MAX_FIELDS:
            raise BadForm("too many fields")

    def _data(self, data: bytes, start: int, end: int) -> None:
        chunk = data[start:end]
        file = self.form.file
        if self.part.filename is None or file is None:
            self.part.data += chunk
            if len(self.part.data) > MAX_FIELD:
                raise BadForm("field too long")
            return
        if file.size + len(chunk) > self.cap:
            raise FileTooLarge()
        if len(file.head) < self.head_size:
            file.head += chunk[: self.head_size - len(file.head)]
            if len(file.head) >= self.head_size and not self.plausible(file.head):
                raise Unwanted()
        file.size += len(chunk)
        self.pending += chunk

    def _end(self) -> None:
        if self.part.filename is None and self.part.name:
            self.form.fields[self.part.name] = self.part.data.decode("utf-8", "replace")


async def read_form(
    chunks: AsyncIterator[bytes],
    content_type: str,
    out: IO[bytes],
    *,
    cap: int,
    head_size: int,
    plausible: Callable[[bytes], bool],
) -> StreamedForm:
    """Parse the form from `chunks`, writing the file part's bytes to `out` as they come.
    Raises BadForm, FileTooLarge or Unwanted; never writes more than `cap` bytes."""
    kind, options = parse_options_header(content_type)
    boundary = options.get(b"boundary")
    if kind != b"multipart/form-data" or not boundary or len(boundary) > 200:
        raise BadForm("not multipart/form-data")
    receiver = _Receiver(cap, head_size, plausible)
    parser = MultipartParser(boundary, receiver.callbacks())  # type: ignore[arg-type]
    try:
        async for chunk in chunks:
            parser.write(chunk)
            await _flush(receiver, out)
        parser.finalize()
    except MultipartParseError as exc:
        raise BadForm(str(exc)[:100]) from None
    await _flush(receiver, out)
    return receiver.form


async def _flush(receiver: _Receiver, out: IO[bytes]) -> None:
    if receiver.pending:
        data, receiver.pending = bytes(receiver.pending), bytearray()
        await run_in_threadpool(out.write, data)
