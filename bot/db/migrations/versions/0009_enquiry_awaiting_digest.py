"""enquiry.awaiting_digest: a message left through "leave a message" that is not urgent waits
for the next digest mail instead of having a mail of its own

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-18 12:00:00.000000
"""
import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Enquiries stored before this revision have had their own mail: none of them waits.
    with op.batch_alter_table('enquiry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('awaiting_digest', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.create_index(batch_op.f('ix_enquiry_awaiting_digest'), ['awaiting_digest'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('enquiry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_enquiry_awaiting_digest'))
        batch_op.drop_column('awaiting_digest')
