"""award independent sources

awards.independent_sources: how many pages state the award on their own (a statement whose values
carry "copy_of", made by a near copy of another page, is not one; an award with any statement
stands on at least one). It was counted per row of every /awards page by a correlated subquery over
mentions; it is now kept on the row, by a trigger on mentions, so every path that adds, moves or
removes a statement (consolidation, reprocess, merges, deletes by cascade) keeps it right, and
/awards reads it as a plain column.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 18:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None

COUNT = """
    SELECT greatest(count(DISTINCT CASE WHEN NOT (m."values" ? 'copy_of') THEN m.document_id END),
                    least(count(m.id), 1))
    FROM mentions m WHERE m.award_id = {award}
"""


def upgrade() -> None:
    op.add_column('awards', sa.Column('independent_sources', sa.Integer(), server_default='0', nullable=False))
    op.execute(f"UPDATE awards a SET independent_sources = ({COUNT.format(award='a.id')})"
               " WHERE EXISTS (SELECT 1 FROM mentions m WHERE m.award_id = a.id)")
    op.execute(f"""
        CREATE FUNCTION fundwatch_award_sources() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') THEN
                UPDATE awards SET independent_sources = ({COUNT.format(award='OLD.award_id')})
                WHERE id = OLD.award_id;
            END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') AND (TG_OP = 'INSERT' OR NEW.award_id IS DISTINCT FROM OLD.award_id
                                                 OR NEW."values" IS DISTINCT FROM OLD."values") THEN
                UPDATE awards SET independent_sources = ({COUNT.format(award='NEW.award_id')})
                WHERE id = NEW.award_id;
            END IF;
            RETURN NULL;
        END $$
    """)
    op.execute("CREATE TRIGGER mentions_award_sources AFTER INSERT OR DELETE OR UPDATE OF award_id, \"values\""
               " ON mentions FOR EACH ROW EXECUTE FUNCTION fundwatch_award_sources()")


def downgrade() -> None:
    op.execute("DROP TRIGGER mentions_award_sources ON mentions")
    op.execute("DROP FUNCTION fundwatch_award_sources()")
    op.drop_column('awards', 'independent_sources')
