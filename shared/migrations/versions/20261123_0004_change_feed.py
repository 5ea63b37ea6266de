"""change feed

One row per award or announcement created, updated or removed, in commit order (GET /changes).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 09:54:42.464336
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('changes',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("action IN ('created', 'updated', 'deleted')", name=op.f('ck_changes_action')),
    sa.CheckConstraint("kind IN ('award', 'announcement')", name=op.f('ck_changes_kind')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_changes'))
    )


def downgrade() -> None:
    op.drop_table('changes')
