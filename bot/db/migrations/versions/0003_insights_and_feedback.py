"""insights: analytics events, unanswered questions (redacted), feedback

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 09:00:00.000000
"""
import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('analytics_event',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('conversation_id', sa.String(length=32), nullable=True),
    sa.Column('event_type', sa.String(length=32), nullable=False),
    sa.Column('value', sa.String(length=64), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('out_of_hours', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_analytics_event'))
    )
    with op.batch_alter_table('analytics_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_analytics_event_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_analytics_event_conversation_id'), ['conversation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_analytics_event_event_type'), ['event_type'], unique=False)

    op.create_table('unanswered_question',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('conversation_id', sa.String(length=32), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('out_of_scope', sa.Boolean(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('out_of_hours', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unanswered_question'))
    )
    with op.batch_alter_table('unanswered_question', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_unanswered_question_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_unanswered_question_conversation_id'), ['conversation_id'], unique=False)

    op.create_table('feedback',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('conversation_id', sa.String(length=32), nullable=True),
    sa.Column('section_id', sa.String(length=64), nullable=False),
    sa.Column('helpful', sa.Boolean(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('out_of_hours', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback'))
    )
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feedback_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_feedback_conversation_id'), ['conversation_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_feedback_conversation_id'))
        batch_op.drop_index(batch_op.f('ix_feedback_at'))
    op.drop_table('feedback')
    with op.batch_alter_table('unanswered_question', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_unanswered_question_conversation_id'))
        batch_op.drop_index(batch_op.f('ix_unanswered_question_at'))
    op.drop_table('unanswered_question')
    with op.batch_alter_table('analytics_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_analytics_event_event_type'))
        batch_op.drop_index(batch_op.f('ix_analytics_event_conversation_id'))
        batch_op.drop_index(batch_op.f('ix_analytics_event_at'))
    op.drop_table('analytics_event')
