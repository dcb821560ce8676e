"""Integration support: cases, assessment, support plan, reviews, partners, reminders.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _user(name: str) -> sa.Column[int]:
    return sa.Column(name, sa.Integer(), sa.ForeignKey("users.id"), nullable=True)


def _stamp(name: str) -> "sa.Column[object]":
    return sa.Column(name, sa.DateTime(), nullable=False)


def _case_fk() -> sa.Column[int]:
    return sa.Column("case_id", sa.Integer(), sa.ForeignKey("cases.id", ondelete="CASCADE"),
                     nullable=False)


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("client_id", sa.Integer(), sa.ForeignKey("clients.id", ondelete="CASCADE"),
                  nullable=False),
        _user("counsellor_id"),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("planned_end", sa.Date(), nullable=False),
        sa.Column("written_need", sa.Text(), nullable=False, server_default=""),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("closing_reason", sa.String(24), nullable=True),
        sa.Column("closing_note", sa.Text(), nullable=False, server_default=""),
        _stamp("created_at"), _user("created_by"), _stamp("updated_at"), _user("updated_by"),
    )
    op.create_index("ix_cases_client_id", "cases", ["client_id"])
    op.create_index("ix_cases_closed_on", "cases", ["closed_on"])
    op.create_table(
        "case_assessments",
        sa.Column("id", sa.Integer(), primary_key=True),
        _case_fk(),
        sa.Column("life_area", sa.String(24), nullable=False),
        sa.Column("situation", sa.Text(), nullable=False, server_default=""),
        sa.Column("resources", sa.Text(), nullable=False, server_default=""),
        sa.Column("need", sa.Text(), nullable=False, server_default=""),
        sa.Column("priority", sa.String(8), nullable=False, server_default="none"),
        _stamp("updated_at"), _user("updated_by"),
        sa.UniqueConstraint("case_id", "life_area", name="uq_case_assessments_case_id"),
    )
    op.create_table(
        "partners",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("contact", sa.Text(), nullable=False, server_default=""),
        sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()),
        _stamp("created_at"), _user("created_by"),
    )
    op.create_table(
        "case_goals",
        sa.Column("id", sa.Integer(), primary_key=True),
        _case_fk(),
        sa.Column("life_area", sa.String(24), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("target_date", sa.Date(), nullable=True),
        sa.Column("state", sa.String(16), nullable=False, server_default="open"),
        sa.Column("position", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("rating", sa.String(16), nullable=True),
        sa.Column("rating_reason", sa.String(24), nullable=True),
        sa.Column("rating_note", sa.Text(), nullable=False, server_default=""),
        _stamp("created_at"), _user("created_by"), _stamp("updated_at"), _user("updated_by"),
    )
    op.create_index("ix_case_goals_case_id", "case_goals", ["case_id"])
    op.create_table(
        "goal_steps",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("goal_id", sa.Integer(), sa.ForeignKey("case_goals.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("responsible", sa.String(16), nullable=False),
        sa.Column("partner_id", sa.Integer(), sa.ForeignKey("partners.id", ondelete="SET NULL"),
                  nullable=True),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False, server_default="0"),
        _stamp("created_at"), _user("created_by"), _stamp("updated_at"), _user("updated_by"),
    )
    op.create_index("ix_goal_steps_goal_id", "goal_steps", ["goal_id"])
    op.create_table(
        "case_reviews",
        sa.Column("id", sa.Integer(), primary_key=True),
        _case_fk(),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("next_review", sa.Date(), nullable=True),
        _stamp("created_at"), _user("created_by"),
    )
    op.create_index("ix_case_reviews_case_id", "case_reviews", ["case_id"])
    op.create_table(
        "review_goal_states",
        sa.Column("review_id", sa.Integer(),
                  sa.ForeignKey("case_reviews.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("goal_id", sa.Integer(),
                  sa.ForeignKey("case_goals.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("state", sa.String(16), nullable=False),
    )
    op.create_table(
        "referrals",
        sa.Column("id", sa.Integer(), primary_key=True),
        _case_fk(),
        sa.Column("partner_id", sa.Integer(), sa.ForeignKey("partners.id"), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("life_area", sa.String(24), nullable=False, server_default=""),
        sa.Column("note", sa.Text(), nullable=False, server_default=""),
        _stamp("created_at"), _user("created_by"),
    )
    op.create_index("ix_referrals_case_id", "referrals", ["case_id"])
    op.create_table(
        "case_events",
        sa.Column("id", sa.Integer(), primary_key=True),
        _case_fk(),
        sa.Column("at", sa.DateTime(), nullable=False),
        _user("user_id"),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False, server_default=""),
    )
    op.create_index("ix_case_events_case_id", "case_events", ["case_id"])
    op.create_table(
        "reminders",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        _user("counsellor_id"),
        sa.Column("client_id", sa.Integer(), sa.ForeignKey("clients.id", ondelete="CASCADE"),
                  nullable=True),
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("cases.id", ondelete="CASCADE"),
                  nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        _stamp("created_at"), _user("created_by"),
    )
    op.create_index("ix_reminders_due", "reminders", ["due"])
    op.create_index("ix_reminders_client_id", "reminders", ["client_id"])


def downgrade() -> None:
    for table in ("reminders", "case_events", "referrals", "review_goal_states", "case_reviews",
                  "goal_steps", "case_goals", "partners", "case_assessments", "cases"):
        op.drop_table(table)
