"""page claims and faults

A worker claims the pages of its batch for a lease (claimed_by: its task id; claimed_until: longer
than the task's hard time limit, pushed forward between pages), and marks the page it is reading
(reading_since), so the sweep never re-sends a page a live task holds and a redelivered batch knows
which page its worker died on. `fault` is the kind of the last trouble a page met (a small fixed set
of words); `retry_at` is when a page failed by a passing fault is tried again (NULL: failed for a
fault of its own); `passing_failures` how many times it was, for the backoff.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 02:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

FAULTS = "('worker_lost', 'time_limit', 'time_limit_alone', 'error', 'database', 'own')"


def upgrade() -> None:
    op.add_column('documents', sa.Column('claimed_by', sa.String(length=64), nullable=True))
    op.add_column('documents', sa.Column('claimed_until', sa.DateTime(timezone=True), nullable=True))
    op.add_column('documents', sa.Column('reading_since', sa.DateTime(timezone=True), nullable=True))
    op.add_column('documents', sa.Column('fault', sa.String(length=16), nullable=True))
    op.add_column('documents', sa.Column('retry_at', sa.DateTime(timezone=True), nullable=True))
    op.add_column('documents', sa.Column('passing_failures', sa.Integer(), server_default='0', nullable=False))
    op.create_check_constraint(op.f('ck_documents_fault'), 'documents', f'fault IS NULL OR fault IN {FAULTS}')
    op.create_index('ix_documents_retry_at', 'documents', ['retry_at'], unique=False,
                    postgresql_where=sa.text("status = 'failed' AND retry_at IS NOT NULL"))


def downgrade() -> None:
    op.drop_index('ix_documents_retry_at', table_name='documents',
                  postgresql_where=sa.text("status = 'failed' AND retry_at IS NOT NULL"))
    op.drop_constraint(op.f('ck_documents_fault'), 'documents', type_='check')
    for column in ('passing_failures', 'retry_at', 'fault', 'reading_since', 'claimed_until', 'claimed_by'):
        op.drop_column('documents', column)
