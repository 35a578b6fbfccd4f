"""Safety check run on every chat message before anything else (see README.md)."""

from .engine import SafetyAssessment, assess, get_checker

__all__ = ["SafetyAssessment", "assess", "get_checker"]
