"""Échecs de connexion comptés par identifiant et adresse du client (plus par compte seul).

Revision ID: 0005_i14a_tentatives_connexion
Revises: 0004_i15b_jours_pan
"""
import sqlalchemy as sa
from alembic import op

revision = '0005_i14a_tentatives_connexion'
down_revision = '0004_i15b_jours_pan'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'tentatives_connexion',
        sa.Column('identifiant', sa.String(length=100), nullable=False),
        sa.Column('adresse', sa.String(length=64), nullable=False),
        sa.Column('echecs', sa.Integer(), nullable=False),
        sa.Column('dernier_echec', sa.DateTime(), nullable=False),
        sa.Column('bloque_jusqua', sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint('identifiant', 'adresse', name=op.f('pk_tentatives_connexion')),
    )
    with op.batch_alter_table('comptes', schema=None) as batch_op:
        batch_op.drop_column('echecs')
        batch_op.drop_column('verrou_jusqua')


def downgrade() -> None:
    with op.batch_alter_table('comptes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('verrou_jusqua', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('echecs', sa.Integer(), nullable=False, server_default='0'))
    op.drop_table('tentatives_connexion')
