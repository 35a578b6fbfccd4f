"""summary_link: links to a conversation's printable summary (only a hash of each is kept)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-10 10:00:00.000000
"""
import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('summary_link',
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('conversation_id', sa.String(length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['conversation_id'], ['conversation.id'], name=op.f('fk_summary_link_conversation_id_conversation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('token_hash', name=op.f('pk_summary_link'))
    )
    with op.batch_alter_table('summary_link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_summary_link_conversation_id'), ['conversation_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('summary_link', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_summary_link_conversation_id'))

    op.drop_table('summary_link')
