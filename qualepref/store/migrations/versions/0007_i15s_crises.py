"""Journal des crises (engagement 48) : une ligne par crise, activation du COD et information des élus.

Revision ID: 0007_i15s_crises
Revises: 0005_i14a_tentatives_connexion
"""
import sqlalchemy as sa
from alembic import op

revision = '0007_i15s_crises'
down_revision = '0005_i14a_tentatives_connexion'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'crises',
        sa.Column('evenement', sa.String(length=300), nullable=False),
        sa.Column('activation', sa.DateTime(), nullable=False),
        sa.Column('information', sa.DateTime(), nullable=True),
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('site', sa.String(length=40), nullable=False),
        sa.Column('annee', sa.Integer(), nullable=False),
        sa.Column('cle', sa.String(length=300), nullable=False),
        sa.Column('import_id', sa.Integer(), nullable=True),
        sa.Column('remplace_par', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['import_id'], ['imports.id'], name=op.f('fk_crises_import_id_imports'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['remplace_par'], ['imports.id'], name=op.f('fk_crises_remplace_par_imports'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['site'], ['sites.code'], name=op.f('fk_crises_site_sites'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_crises')),
    )
    op.create_index('ix_crises_site_annee', 'crises', ['site', 'annee'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_crises_site_annee', table_name='crises')
    op.drop_table('crises')
