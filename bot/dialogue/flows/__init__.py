"""Every declared flow by its stored name, installed into the engine's flow table on import.

One module per flow (steps as data, with their catalogue in ../catalogues/). The flows import
the dialogue's core; the core imports no flow and works from bot.dialogue.registry, which this
module fills in (bot/dialogue/__init__.py imports it once). Must not import web, SDK or
database modules, webhook or cli.
"""

from __future__ import annotations

from bot.dialogue.flows import dossier, link
from bot.dialogue.flows import quality as flow_quality
from bot.dialogue.flows.control import CONFIRM_CANCEL, CONFIRM_ERASE, DRAFT_CONFLICT, MENU
from bot.dialogue.flows.dossier import DOSSIER
from bot.dialogue.flows.hien_ke import HIEN_KE, title_from
from bot.dialogue.flows.profile import CONSENT, HOSO, PROFILE
from bot.dialogue.flows.sang_kien import SANG_KIEN
from bot.dialogue.registry import FLOWS, Hooks, all_steps, install, lookup

__all__ = ["FLOWS", "all_steps", "lookup"]

install(
    (
        CONSENT,
        PROFILE,
        HOSO,
        MENU,
        SANG_KIEN,
        HIEN_KE,
        CONFIRM_CANCEL,
        CONFIRM_ERASE,
        DRAFT_CONFLICT,
        DOSSIER,
    ),
    Hooks(
        pre_dispatch=link.dispatch,
        request_dossier=dossier.request,
        finish_dossier_pick=dossier.finish_pick,
        title_from=title_from,
        edit_extra=flow_quality.edit_extra,
        review_notes=flow_quality.review_notes,
    ),
)
