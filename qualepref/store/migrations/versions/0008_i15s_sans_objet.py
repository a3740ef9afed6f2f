"""« Sans objet » : engagements et éléments de preuve déclarés sans objet pour un site, avec leur raison.

Revision ID: 0008_i15s_sans_objet
Revises: 0007_i15s_crises
"""
import sqlalchemy as sa
from alembic import op

revision = '0008_i15s_sans_objet'
down_revision = '0007_i15s_crises'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'sans_objet',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('site', sa.String(length=40), nullable=False),
        sa.Column('objet', sa.String(length=100), nullable=False),
        sa.Column('raison', sa.Text(), nullable=False),
        sa.Column('modifie_par', sa.String(length=100), nullable=False),
        sa.Column('modifie_le', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['site'], ['sites.code'], name=op.f('fk_sans_objet_site_sites'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sans_objet')),
        sa.UniqueConstraint('site', 'objet', name='uq_sans_objet_site_objet'),
    )


def downgrade() -> None:
    op.drop_table('sans_objet')
