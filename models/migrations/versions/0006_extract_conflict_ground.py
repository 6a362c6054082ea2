"""conflicts: the ground a conflict of interest is recorded on (`Medsøker`, `Nær relasjon til søker`)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04 21:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0006'
down_revision = '0005'
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
