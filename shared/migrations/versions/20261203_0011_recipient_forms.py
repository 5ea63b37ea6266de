"""recipient forms

Each page keeps the shorter forms and acronyms its recipients may be named by on another page
("ncat" for "northfield community arts trust"), under a GIN index, so that a page naming an
organisation so finds the pages that name it in full in one index lookup. Pages already read get
theirs from their stored signature.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 09:00:00
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

BATCH = 1000


def upgrade() -> None:
    op.add_column('documents', sa.Column('recipient_forms', postgresql.ARRAY(sa.Text()), server_default='{}',
                                         nullable=False))
    _backfill()
    op.create_index('ix_documents_recipient_forms', 'documents', ['recipient_forms'], unique=False,
                    postgresql_using='gin')


def _backfill() -> None:
    # the forms are derived by the same function the workers use (shared.variants)
    from shared.variants import page_forms

    conn = op.get_bind()
    last = 0
    while True:
        rows = conn.execute(sa.text("SELECT id, signature FROM documents WHERE id > :last AND signature IS NOT NULL "
                                    "ORDER BY id LIMIT :n"), {"last": last, "n": BATCH}).all()
        if not rows:
            return
        updates = [{"id": r.id, "forms": forms} for r in rows
                   if (forms := page_forms(r.signature.get("recipients") or {}))]
        if updates:
            conn.execute(sa.text("UPDATE documents SET recipient_forms = :forms WHERE id = :id"), updates)
        last = rows[-1].id


def downgrade() -> None:
    op.drop_index('ix_documents_recipient_forms', table_name='documents', postgresql_using='gin')
    op.drop_column('documents', 'recipient_forms')
