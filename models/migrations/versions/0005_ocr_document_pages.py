"""documents: how many pages were read by OCR (no usable text layer) and their mean word confidence

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04 21:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ocr_pages', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('ocr_confidence', sa.Float(), nullable=True))


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_column('ocr_confidence')
        batch_op.drop_column('ocr_pages')
