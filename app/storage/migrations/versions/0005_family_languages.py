"""Family members (linked clients or counted companions) and a client's languages.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "family_members",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("client_id", sa.Integer(), sa.ForeignKey("clients.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("relation", sa.String(16), nullable=False),
        sa.Column("linked_client_id", sa.Integer(),
                  sa.ForeignKey("clients.id", ondelete="SET NULL"), nullable=True),
        sa.Column("given_name", sa.String(200), nullable=False, server_default=""),
        sa.Column("birth_year", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), sa.ForeignKey("users.id"), nullable=True),
    )
    op.create_index("ix_family_members_client_id", "family_members", ["client_id"])
    op.create_index("ix_family_members_linked_client_id", "family_members", ["linked_client_id"])
    op.create_table(
        "client_languages",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("client_id", sa.Integer(), sa.ForeignKey("clients.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("level", sa.String(4), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.Integer(), sa.ForeignKey("users.id"), nullable=True),
        sa.UniqueConstraint("client_id", "language", name="uq_client_languages_client_id"),
    )


def downgrade() -> None:
    op.drop_table("client_languages")
    op.drop_index("ix_family_members_linked_client_id", "family_members")
    op.drop_index("ix_family_members_client_id", "family_members")
    op.drop_table("family_members")
