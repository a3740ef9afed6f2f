"""Jours d'ouverture des points d'accès numériques d'un site (E15 « usagers connectés au point numérique par
jour » : la fréquentation divisée par ces jours ; sans réglage, du lundi au vendredi hors jours fériés).

Revision ID: 0004_i15b_jours_pan
Revises: 0003_i16_textes_comite
"""
import sqlalchemy as sa
from alembic import op

revision = '0004_i15b_jours_pan'
down_revision = '0003_i16_textes_comite'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('sites') as batch:
        batch.add_column(sa.Column('jours_ouverture_pan', sa.String(length=40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('sites') as batch:
        batch.drop_column('jours_ouverture_pan')
