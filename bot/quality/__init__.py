"""Quality check before submitting: a checklist from the legal conditions, pure and data-driven.

Must not import: web, SDK or database modules, webhook, cli (test_purity.py checks it).
"""

from bot.quality.checklist import HIEN_KE, SANG_KIEN, check
from bot.quality.report import QualityItem, QualityReport

__all__ = ["HIEN_KE", "SANG_KIEN", "QualityItem", "QualityReport", "check"]
