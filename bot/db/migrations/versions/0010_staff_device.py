"""staff_device: browsers that signed in to a staff account (device cookies; only a hash of
each token is kept), let through the account's wait for guessing from many addresses

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-19 10:00:00.000000
"""
import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('staff_device',
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('failed_sign_ins', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_used_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['staff_user.id'], name=op.f('fk_staff_device_user_id_staff_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('token_hash', name=op.f('pk_staff_device'))
    )
    with op.batch_alter_table('staff_device', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_device_user_id'), ['user_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('staff_device', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_device_user_id'))

    op.drop_table('staff_device')
