"""Insights for the service manager and delivery group: anonymous analytics events recorded from
the chat (`recording`), feedback from the widget (`feedback`), the dashboard and content review
pages (`router`, `service`, `charts`) and the grouping of unanswered questions (`clustering`)."""
