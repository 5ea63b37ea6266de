"""award sort orders

Expression indexes for GET /awards?sort=: amount and award date in each direction (a missing value
last either way), each with the id after it, so that every page of a sorted listing is an index
range scan from its cursor.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23 12:20:00
"""
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

# name -> the sort key, exactly as shared.models.AWARD_SORT_KEYS writes it
SORT_KEYS = {
    'ix_awards_sort_amount': "coalesce(amount, 'Infinity'::numeric)",
    'ix_awards_sort_amount_desc': "coalesce(amount, '-Infinity'::numeric)",
    'ix_awards_sort_awarded_on': "coalesce(awarded_on, 'infinity'::date)",
    'ix_awards_sort_awarded_on_desc': "coalesce(awarded_on, '-infinity'::date)",
}


def upgrade() -> None:
    for name, key in SORT_KEYS.items():
        op.execute(f"CREATE INDEX {name} ON awards ({key}, id)")


def downgrade() -> None:
    for name in reversed(list(SORT_KEYS)):
        op.drop_index(name, table_name='awards')
