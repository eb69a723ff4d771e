"""Storage of the counsellor console: SQLAlchemy 2 models, engine and Alembic migrations.

SQLite by default (a file, nothing to set up); PostgreSQL when ``BOUSSOLE_DATABASE_URL``
names one. The schema is created and changed only by the migrations in ``migrations/``
(``boussole db upgrade``, also run by ``boussole serve`` at start).
"""
