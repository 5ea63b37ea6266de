"""documents by source

The fetcher's lease brings each source with the pages last stored from it (newest first), for its
conditional requests: an index on (source_id, fetched_at) keeps that a few index reads a source.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-10 02:00:00
"""
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_documents_source_fetched', 'documents', ['source_id', 'fetched_at'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_documents_source_fetched', table_name='documents')
