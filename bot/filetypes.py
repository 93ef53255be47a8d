"""What a file really is, from its first bytes (and a zip's table of contents), never its name.

Accepted: the types the "Tài liệu kèm theo" step promises (bot/dialogue/attachments.py):
PDF; JPEG, PNG, GIF, WebP, HEIC, BMP, TIFF images; Word and Excel as Office Open XML
(.docx/.xlsx: a zip holding [Content_Types].xml and word/ or xl/), OpenDocument (.odt/.ods)
and the legacy binary formats (.doc/.xls, an OLE2 compound file) that many offices still
save. Anything carrying macros (vbaProject.bin, a _VBA_PROJECT stream) is refused.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal

HEAD = 16  # bytes enough to tell every accepted type apart from anything else
MAX_ZIP_ENTRIES = 5000
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
VBA_STREAM = "_VBA_PROJECT".encode("utf-16-le")


@dataclass(frozen=True)
class FileType:
    ext: str
    mime: str
    kind: Literal["photo", "document"]
    aliases: tuple[str, ...] = ()  # other extensions people give the same type

    def matches_name(self, name: str) -> bool:
        """True when the name has no extension or one that means this type."""
        suffix = Path(name).suffix.lower()
        return not suffix or suffix in (self.ext, *self.aliases)


PDF = FileType(".pdf", "application/pdf", "document")
JPEG = FileType(".jpg", "image/jpeg", "photo", (".jpeg", ".jpe", ".jfif"))
PNG = FileType(".png", "image/png", "photo")
GIF = FileType(".gif", "image/gif", "photo")
WEBP = FileType(".webp", "image/webp", "photo")
HEIC = FileType(".heic", "image/heic", "photo", (".heif",))
BMP = FileType(".bmp", "image/bmp", "photo")
TIFF = FileType(".tif", "image/tiff", "photo", (".tiff",))
OOXML = "application/vnd.openxmlformats-officedocument"
DOCX = FileType(".docx", f"{OOXML}.wordprocessingml.document", "document")
XLSX = FileType(".xlsx", f"{OOXML}.spreadsheetml.sheet", "document")
ODT = FileType(".odt", "application/vnd.oasis.opendocument.text", "document")
ODS = FileType(".ods", "application/vnd.oasis.opendocument.spreadsheet", "document")
DOC = FileType(".doc", "application/msword", "document")
XLS = FileType(".xls", "application/vnd.ms-excel", "document")

_PREFIXES: tuple[tuple[bytes, FileType], ...] = (
    (b"%PDF-", PDF),
    (b"\xff\xd8\xff", JPEG),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"GIF87a", GIF),
    (b"GIF89a", GIF),
    (b"BM", BMP),
    (b"II*\x00", TIFF),
    (b"MM\x00*", TIFF),
)
_HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"mif1", b"msf1")


def plausible(head: bytes) -> bool:
    """Whether a file starting with `head` (its first HEAD bytes, or all of a shorter file)
    could still be an accepted type: lets a stream be refused before it is read whole."""
    if any(head.startswith(p[: len(head)]) for p, _ in _PREFIXES):
        return True
    candidates = (b"PK\x03\x04", OLE2, b"RIFF")
    if any(head.startswith(c[: len(head)]) for c in candidates):
        return True
    return len(head) < 12 or head[4:8] == b"ftyp"


def sniff_file(path: Path, name: str = "") -> FileType | None:
    """The accepted type of a file on disk, or None."""
    with path.open("rb") as handle:
        return _sniff(handle, name)


def sniff_bytes(data: bytes, name: str = "") -> FileType | None:
    """The accepted type of a file in memory (an attachment fetched from a platform)."""
    return _sniff(io.BytesIO(data), name)


def _sniff(handle: IO[bytes], name: str) -> FileType | None:
    head = handle.read(HEAD)
    handle.seek(0)
    for prefix, found in _PREFIXES:
        if head.startswith(prefix):
            return found
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return HEIC
    if head.startswith(b"PK\x03\x04"):
        return _zip_type(handle)
    if head.startswith(OLE2):
        return _legacy_office(handle, name)
    return None


def _zip_type(handle: IO[bytes]) -> FileType | None:
    try:
        with zipfile.ZipFile(handle) as archive:
            names = archive.namelist()
            if len(names) > MAX_ZIP_ENTRIES or any("vbaproject" in n.lower() for n in names):
                return None  # a zip bomb's table, or macros
            if "[Content_Types].xml" in names:
                if any(n.startswith("word/") for n in names):
                    return DOCX
                return XLSX if any(n.startswith("xl/") for n in names) else None
            if "mimetype" in names and archive.getinfo("mimetype").file_size < 100:
                kind = archive.read("mimetype").strip()
                return {ODT.mime.encode(): ODT, ODS.mime.encode(): ODS}.get(kind)
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, NotImplementedError):
        return None
    return None


def _legacy_office(handle: IO[bytes], name: str) -> FileType | None:
    # An OLE2 file says little about itself up front: the name tells Word from Excel, and a
    # VBA stream anywhere in its directory means macros.
    if VBA_STREAM in handle.read():
        return None
    suffix = Path(name).suffix.lower()
    return {".doc": DOC, ".xls": XLS}.get(suffix)
