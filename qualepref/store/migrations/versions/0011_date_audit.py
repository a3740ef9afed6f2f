"""La date de l'audit externe d'un site, choisie sur la page « Préparation de l'audit » : gardée dans la base, pour
que le tableau de bord et le mode séance la nomment sur tous les postes (et non dans la seule session du référent).

Revision ID: 0011_date_audit
Revises: 0010_i15n_etapes_journal
"""
import sqlalchemy as sa
from alembic import op

revision = '0011_date_audit'
down_revision = '0010_i15n_etapes_journal'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('sites', schema=None) as batch_op:
        batch_op.add_column(sa.Column('date_audit_externe', sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('sites', schema=None) as batch_op:
        batch_op.drop_column('date_audit_externe')
