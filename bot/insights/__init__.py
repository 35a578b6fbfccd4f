"""Insights for the service manager and delivery group: anonymous analytics events recorded
from the chat, feedback, the unanswered questions (redacted), the dashboard and content review.
See README.md."""
