"""Durable storage: SQLModel models, query functions, Alembic migrations, data files."""
