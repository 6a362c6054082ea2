"""The store side of vedtak: database engines and migrations, sources, the loader, queries."""
