"""Une sous-préfecture retient les engagements de ses modules qui la concernent (chapitre II) : ceux qu'elle ne
retient pas.

Revision ID: 0009_i15s_engagements_retenus
Revises: 0008_i15s_sans_objet
"""
import sqlalchemy as sa
from alembic import op

revision = '0009_i15s_engagements_retenus'
down_revision = '0008_i15s_sans_objet'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('sites', schema=None) as batch_op:
        batch_op.add_column(sa.Column('engagements_exclus', sa.String(length=400), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('sites', schema=None) as batch_op:
        batch_op.drop_column('engagements_exclus')
