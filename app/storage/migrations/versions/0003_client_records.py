"""Client records: search text, dates for the target-group rules, status history,
duplicate-check keys.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("clients") as batch:
        batch.add_column(sa.Column("birth_year_only", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
        batch.add_column(sa.Column("arrival_date", sa.Date(), nullable=True))
        batch.add_column(sa.Column("permanent_since", sa.Date(), nullable=True))
        batch.add_column(sa.Column("counsellor_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("search_text", sa.Text(), nullable=False, server_default=""))
        batch.create_foreign_key("fk_clients_counsellor_id_users", "users", ["counsellor_id"],
                                 ["id"])
    op.create_table(
        "residence_status",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("client_id", sa.Integer(), sa.ForeignKey("clients.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("code", sa.String(16), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), sa.ForeignKey("users.id"), nullable=True),
    )
    op.create_index("ix_residence_status_client_id", "residence_status", ["client_id"])
    op.create_table(
        "client_name_keys",
        sa.Column("client_id", sa.Integer(), sa.ForeignKey("clients.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("key", sa.String(32), primary_key=True),
    )
    op.create_index("ix_client_name_keys_key", "client_name_keys", ["key"])


def downgrade() -> None:
    op.drop_index("ix_client_name_keys_key", "client_name_keys")
    op.drop_table("client_name_keys")
    op.drop_index("ix_residence_status_client_id", "residence_status")
    op.drop_table("residence_status")
    with op.batch_alter_table("clients") as batch:
        batch.drop_constraint("fk_clients_counsellor_id_users", type_="foreignkey")
        for column in ("search_text", "counsellor_id", "permanent_since", "arrival_date",
                       "birth_year_only"):
            batch.drop_column(column)
