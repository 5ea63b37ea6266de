"""full text search

GIN indexes for GET /awards?q=: over an award's recipient and project, and over each mention's quote.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 10:15:00
"""
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE INDEX ix_awards_text ON awards USING gin "
               "(to_tsvector('english', coalesce(recipient, '') || ' ' || coalesce(project, '')))")
    op.execute("CREATE INDEX ix_mentions_text ON mentions USING gin (to_tsvector('english', quote))")


def downgrade() -> None:
    op.drop_index('ix_mentions_text', table_name='mentions')
    op.drop_index('ix_awards_text', table_name='awards')
