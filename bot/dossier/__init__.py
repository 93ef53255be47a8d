"""Printable dossier of a sáng kiến: the application and the description report as .docx."""

from bot.dossier.application import build_application
from bot.dossier.model import Attachment, DossierEntry, Person, Submitter
from bot.dossier.report import build_report

__all__ = ["Attachment", "DossierEntry", "Person", "Submitter", "build_application", "build_report"]
