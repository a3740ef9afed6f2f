"""Le journal porte les délais que le chapitre III date au-delà d'une réponse écrite (mise à jour, rendez-vous,
pièces complémentaires, traitement de dossier : engagement, support, dates de proposition et de rendez-vous,
indisponibilité du demandeur, procédure) ; les délais « fixés localement » (38.3, 52.2) par site, engagement et
procédure.

Revision ID: 0010_i15n_etapes_journal
Revises: 0009_i15s_engagements_retenus
"""
import sqlalchemy as sa
from alembic import op

revision = '0010_i15n_etapes_journal'
down_revision = '0009_i15s_engagements_retenus'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('journal') as batch:
        batch.add_column(sa.Column('engagement', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('support', sa.String(length=30), nullable=True))
        batch.add_column(sa.Column('date_proposition', sa.Date(), nullable=True))
        batch.add_column(sa.Column('date_rendez_vous', sa.Date(), nullable=True))
        batch.add_column(sa.Column('indisponibilite', sa.Boolean(), nullable=True))
        batch.add_column(sa.Column('procedure', sa.String(length=200), nullable=True))
    op.create_table(
        'delais_locaux',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('site', sa.String(length=40), nullable=False),
        sa.Column('engagement', sa.Integer(), nullable=False),
        sa.Column('procedure', sa.String(length=200), nullable=False),
        sa.Column('jours_ouvres', sa.Integer(), nullable=False),
        sa.Column('modifie_par', sa.String(length=100), nullable=False),
        sa.Column('modifie_le', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['site'], ['sites.code'], name=op.f('fk_delais_locaux_site_sites'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_delais_locaux')),
        sa.UniqueConstraint('site', 'engagement', 'procedure', name='uq_delais_locaux_site'),
    )


def downgrade() -> None:
    op.drop_table('delais_locaux')
    with op.batch_alter_table('journal') as batch:
        for colonne in ('procedure', 'indisponibilite', 'date_rendez_vous', 'date_proposition', 'support',
                        'engagement'):
            batch.drop_column(colonne)
