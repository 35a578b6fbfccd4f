"""staff accounts: one-time password reset codes (only a hash of each is kept); the time of an
account's last counted failed sign-in (guessing from many addresses is forgotten after a while)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-16 10:00:00.000000
"""
import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('staff_reset_code',
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('issued_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['issued_by_id'], ['staff_user.id'], name=op.f('fk_staff_reset_code_issued_by_id_staff_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['staff_user.id'], name=op.f('fk_staff_reset_code_user_id_staff_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('code_hash', name=op.f('pk_staff_reset_code'))
    )
    with op.batch_alter_table('staff_reset_code', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_reset_code_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('staff_user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_failed_sign_in_at', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('staff_user', schema=None) as batch_op:
        batch_op.drop_column('last_failed_sign_in_at')

    with op.batch_alter_table('staff_reset_code', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_reset_code_user_id'))

    op.drop_table('staff_reset_code')
