"""ingest run mode; a source may return to an earlier content

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 21:19:59.841520
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table('ingest_runs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('mode', sa.String(length=20), server_default='batch', nullable=False))
    with op.batch_alter_table('document_versions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_document_versions_source_document_id'), type_='unique')


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table('document_versions', schema=None) as batch_op:
        batch_op.create_unique_constraint(
            batch_op.f('uq_document_versions_source_document_id'), ['source', 'document_id'])
    with op.batch_alter_table('ingest_runs', schema=None) as batch_op:
        batch_op.drop_column('mode')
