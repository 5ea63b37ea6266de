"""mention dates for windowed lookups

Mentions carry their page's publication date, indexed with the recipient key, so finding pages that
name a recipient within a date window reads only that window.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 09:25:35.868659
"""
from alembic import op
import sqlalchemy as sa

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('mentions', sa.Column('published', sa.Date(), nullable=True))
    op.execute("UPDATE mentions m SET published = d.published FROM documents d WHERE d.id = m.document_id")
    op.drop_index(op.f('ix_mentions_recipient_key'), table_name='mentions')
    op.create_index('ix_mentions_recipient_key_published', 'mentions', ['recipient_key', 'published'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_mentions_recipient_key_published', table_name='mentions')
    op.create_index(op.f('ix_mentions_recipient_key'), 'mentions', ['recipient_key'], unique=False)
    op.drop_column('mentions', 'published')
