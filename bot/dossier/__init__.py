"""Printable dossier of a sáng kiến: the application and the description report as .docx.

Pure core: model and the .docx rendering (application, report, minutes, score_sheet).
files (the dossier folder on disk, read from storage) sits beside it and is not imported
here. The core must not import web, SDK or database modules; nothing here imports webhook or cli.
"""

from bot.dossier.application import build_application
from bot.dossier.model import Attachment, DossierEntry, Person, Submitter
from bot.dossier.report import build_report

__all__ = ["Attachment", "DossierEntry", "Person", "Submitter", "build_application", "build_report"]
