"""enquiry: access needs (an interpreter and its language, British Sign Language, a textphone)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 15:00:00.000000
"""
import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('enquiry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('access_needs', sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('enquiry', schema=None) as batch_op:
        batch_op.drop_column('access_needs')
