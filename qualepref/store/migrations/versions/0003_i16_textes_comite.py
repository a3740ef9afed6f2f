"""« Textes du comité » : ce que seul le référent sait (pilote, dates du label, volumes, points forts, contacts...),
par site et période, gardés avec la publication de la période.

Revision ID: 0003_i16_textes_comite
Revises: 0002_i18_versions_referentiel
"""
import sqlalchemy as sa
from alembic import op

revision = '0003_i16_textes_comite'
down_revision = '0002_i18_versions_referentiel'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'textes_comite',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('site', sa.String(length=40), nullable=False),
        sa.Column('periode', sa.String(length=20), nullable=False),
        sa.Column('contenu', sa.Text(), nullable=False),
        sa.Column('modifie_par', sa.String(length=100), nullable=False),
        sa.Column('modifie_le', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['site'], ['sites.code'], name=op.f('fk_textes_comite_site_sites'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_textes_comite')),
        sa.UniqueConstraint('site', 'periode', name='uq_textes_comite_site_periode'),
    )


def downgrade() -> None:
    op.drop_table('textes_comite')
