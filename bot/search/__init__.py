"""Search over the Kinship Local Offer: which sections a message is about, which glossary terms
and arrangements it names. Built from offer_content/ with spaCy (no model download)."""

from .engine import OfferSearch, SectionHit, TermHit, get_search

__all__ = ["OfferSearch", "SectionHit", "TermHit", "get_search"]
