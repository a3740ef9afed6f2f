"""Versions de référentiel chargées par le référent (classeur) : contenu, date, auteur ; la plus récente est en place.

Revision ID: 0002_i18_versions_referentiel
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = '0002_i18_versions_referentiel'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'referentiel_versions',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('code', sa.String(length=60), nullable=False),
        sa.Column('titre', sa.String(length=200), nullable=False),
        sa.Column('version', sa.String(length=200), nullable=False),
        sa.Column('fichier', sa.String(length=200), nullable=False),
        sa.Column('charge_le', sa.DateTime(), nullable=False),
        sa.Column('charge_par', sa.String(length=100), nullable=False),
        sa.Column('contenu', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_referentiel_versions')),
    )
    with op.batch_alter_table('referentiel_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_referentiel_versions_code'), ['code'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('referentiel_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_referentiel_versions_code'))
    op.drop_table('referentiel_versions')
