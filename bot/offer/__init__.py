"""The Kinship Local Offer: typed content (models, loader), checks and the publishing routes."""

from .loader import ContentError, get_offer, load_offer, reload_offer
from .models import ARRANGEMENT_IDS, SECTION_IDS, Offer, Section

__all__ = [
    "ARRANGEMENT_IDS",
    "SECTION_IDS",
    "ContentError",
    "Offer",
    "Section",
    "get_offer",
    "load_offer",
    "reload_offer",
]
