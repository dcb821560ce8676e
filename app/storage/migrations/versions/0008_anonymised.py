"""Clients remember when retention anonymised them.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ALTER TABLE: a batch copy would drop and re-create "clients", and with
    # foreign keys on, dropping it would cascade into every client's records.
    op.add_column("clients", sa.Column("anonymised_on", sa.Date(), nullable=True))


def downgrade() -> None:
    op.drop_column("clients", "anonymised_on")
