"""store as an audit record: why a source's version ended, gone and skipped counts, resolved quarantine

- `document_versions.end_reason`: `replaced` (the source holds another content now) or `gone`
  (the file was deleted); null while the version is open.
- `ingest_runs.documents_gone` / `documents_skipped`: sources found deleted, and files skipped
  because the same content went over a per-document limit before.
- `quarantined_files.kind` (`unreadable`, `limit`, `crash`, `database`, `worker`), `resolved_at` and
  `resolved_run_id`: set when the source later loads.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04 20:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table('document_versions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('end_reason', sa.String(length=20), nullable=True))
    with op.batch_alter_table('ingest_runs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('documents_gone', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('documents_skipped', sa.Integer(), server_default='0', nullable=False))
    with op.batch_alter_table('quarantined_files', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('resolved_run_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_quarantined_files_resolved_run_id_ingest_runs'),
                                    'ingest_runs', ['resolved_run_id'], ['id'])


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table('quarantined_files', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_quarantined_files_resolved_run_id_ingest_runs'), type_='foreignkey')
        batch_op.drop_column('resolved_run_id')
        batch_op.drop_column('resolved_at')
        batch_op.drop_column('kind')
    with op.batch_alter_table('ingest_runs', schema=None) as batch_op:
        batch_op.drop_column('documents_skipped')
        batch_op.drop_column('documents_gone')
    with op.batch_alter_table('document_versions', schema=None) as batch_op:
        batch_op.drop_column('end_reason')
