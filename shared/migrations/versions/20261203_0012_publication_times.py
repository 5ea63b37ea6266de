"""publication times

documents.published_at: the moment a page was published, when its source gives one with its time
of day and zone (a feed entry's published or updated time, a sitemap lastmod with a time, the
page's own metadata); NULL when only a date is known (documents.published keeps that).
`fundwatch_publication_to_record_seconds` is measured from it.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 06:40:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('documents', sa.Column('published_at', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    op.drop_column('documents', 'published_at')
