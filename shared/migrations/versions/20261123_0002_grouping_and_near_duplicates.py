"""announcement grouping and near-duplicate bands

Documents record the announcement they report and the signature consolidation compares them by;
mentions carry their recipient key (indexed: the way to pages naming the same recipient);
document_bands holds MinHash LSH bands for near-duplicate detection.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 08:49:07.000644
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('document_bands',
    sa.Column('band', sa.SmallInteger(), nullable=False),
    sa.Column('hash', sa.BigInteger(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_document_bands_document_id_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('band', 'hash', 'document_id', name=op.f('pk_document_bands'))
    )
    op.create_index(op.f('ix_document_bands_document_id'), 'document_bands', ['document_id'], unique=False)
    op.add_column('documents', sa.Column('announcement_id', sa.Integer(), nullable=True))
    op.add_column('documents', sa.Column('funder_key', sa.String(length=200), nullable=True))
    op.add_column('documents', sa.Column('signature', postgresql.JSONB(astext_type=sa.Text()), nullable=True))
    op.create_index(op.f('ix_documents_announcement_id'), 'documents', ['announcement_id'], unique=False)
    op.create_index('ix_documents_funder_key', 'documents', ['funder_key'], unique=False)
    op.create_foreign_key(op.f('fk_documents_announcement_id_announcements'), 'documents', 'announcements', ['announcement_id'], ['id'], ondelete='SET NULL')
    op.add_column('mentions', sa.Column('recipient_key', sa.String(length=300), nullable=True))
    op.execute("UPDATE mentions m SET recipient_key = a.recipient_key FROM awards a WHERE a.id = m.award_id")
    op.alter_column('mentions', 'recipient_key', nullable=False)
    op.create_index(op.f('ix_mentions_recipient_key'), 'mentions', ['recipient_key'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_mentions_recipient_key'), table_name='mentions')
    op.drop_column('mentions', 'recipient_key')
    op.drop_constraint(op.f('fk_documents_announcement_id_announcements'), 'documents', type_='foreignkey')
    op.drop_index('ix_documents_funder_key', table_name='documents')
    op.drop_index(op.f('ix_documents_announcement_id'), table_name='documents')
    op.drop_column('documents', 'signature')
    op.drop_column('documents', 'funder_key')
    op.drop_column('documents', 'announcement_id')
    op.drop_index(op.f('ix_document_bands_document_id'), table_name='document_bands')
    op.drop_table('document_bands')
