"""award confidence

How likely each award record is right, in [0, 1], from the confidence of the statements behind it
(the reader's per-statement estimate); NULL for records read by an extractor that gives none.
Indexed for GET /awards?min_confidence=.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 21:40:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('awards', sa.Column('confidence', sa.Float(), nullable=True))
    op.create_check_constraint(op.f('ck_awards_confidence_unit'), 'awards',
                               'confidence IS NULL OR (confidence >= 0 AND confidence <= 1)')
    op.create_index(op.f('ix_awards_confidence'), 'awards', ['confidence'])


def downgrade() -> None:
    op.drop_index(op.f('ix_awards_confidence'), table_name='awards')
    op.drop_constraint(op.f('ck_awards_confidence_unit'), 'awards', type_='check')
    op.drop_column('awards', 'confidence')
