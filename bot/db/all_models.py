"""Import every model module here so Alembic and the tests see all tables."""

from bot.db.models import Conversation, Message, SummaryLink  # noqa: F401
from bot.enquiries.models import Enquiry, EnquiryNote  # noqa: F401
from bot.insights.models import AnalyticsEvent, Feedback, UnansweredQuestion  # noqa: F401
from bot.notifications.models import OutboxInstance, OutboxMail  # noqa: F401
from bot.staff.models import AuditEntry, StaffSession, StaffUser  # noqa: F401
