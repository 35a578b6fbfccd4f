"""conversation.cleared_at: when the person cleared the chat ("Clear this chat"), so that a
restore from an older backup can clear it again

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-18 10:00:00.000000
"""
import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('conversation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cleared_at', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('conversation', schema=None) as batch_op:
        batch_op.drop_column('cleared_at')
