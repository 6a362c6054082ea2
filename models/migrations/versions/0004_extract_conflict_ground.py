"""conflicts: the ground a conflict of interest is recorded on (`Medsøker`, `Nær relasjon til søker`)

Revision ID: 0004_extract
Revises: 0003
Create Date: 2026-12-04 21:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0004_extract'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table('conflicts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ground', sa.Text(), nullable=True))


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table('conflicts', schema=None) as batch_op:
        batch_op.drop_column('ground')
