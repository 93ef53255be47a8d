"""The printable dossier on disk: {data_dir}/dossiers/<code>/, made again when the entry changes."""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from bot.dossier import DossierEntry, build_application, build_report

FOLDER = "dossiers"
STAMP = ".stamp"  # hash of what the files were made from
_CODE = re.compile(r"^SK-\d{4}-\d{5}$")  # only sáng kiến have a dossier; never a path


@dataclass(frozen=True)
class DossierPaths:
    """The two documents of one entry; `relative` paths are under the data folder."""

    code: str
    application: Path
    report: Path
    data_dir: Path

    def relative(self, path: Path) -> str:
        return path.relative_to(self.data_dir).as_posix()


def is_dossier_code(code: str) -> bool:
    return bool(_CODE.match(code))


def file_names(code: str) -> tuple[str, str]:
    """(application, report) file names, readable in a download folder."""
    return f"{code}-don-yeu-cau-cong-nhan.docx", f"{code}-bao-cao-mo-ta.docx"


class DossierStore:
    """Makes the .docx of an entry on first use and whenever its content changed since."""

    def __init__(self, data_dir: str | Path) -> None:
        self.data_dir = Path(data_dir).resolve()

    def paths(self, code: str) -> DossierPaths:
        if not is_dossier_code(code):
            raise ValueError(f"not a sáng kiến code: {code!r}")
        folder = self.data_dir / FOLDER / code
        application, report = file_names(code)
        return DossierPaths(code, folder / application, folder / report, self.data_dir)

    def ensure(
        self,
        *,
        code: str,
        fields: Mapping[str, Any],
        author: Mapping[str, Any],
        submitted_at: datetime,
    ) -> DossierPaths:
        """Blocking (≈50–100 ms when it has to make them): both files, current."""
        paths = self.paths(code)
        stamp = _stamp(code, fields, author, submitted_at)
        stamp_path = paths.application.parent / STAMP
        current = stamp_path.read_text() if stamp_path.is_file() else ""
        if current == stamp and paths.application.is_file() and paths.report.is_file():
            return paths
        entry = DossierEntry.from_submission(code, fields, author, submitted_at)
        paths.application.parent.mkdir(parents=True, exist_ok=True)
        _write(paths.application, build_application(entry))
        _write(paths.report, build_report(entry))
        _write(stamp_path, stamp.encode())
        return paths


def _stamp(
    code: str, fields: Mapping[str, Any], author: Mapping[str, Any], submitted_at: datetime
) -> str:
    content = json.dumps(
        [code, fields, author, submitted_at.isoformat()], sort_keys=True, default=str
    )
    return hashlib.sha256(content.encode()).hexdigest()


def _write(path: Path, data: bytes) -> None:
    # Readers (a download, a send) see the old file or the new one, never half of one.
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
