"""Notification e-mails to the navigator team, sent from an outbox table."""
