"""The knowledge base: one small interface (`Store`), two engines.

`open_store("marsad.db")` or `open_store("sqlite:///path.db")` opens (and
creates) an SQLite file; `open_store("postgresql://user@host/db")` connects
to PostgreSQL through psycopg 3. Either way the schema is brought up to date
by the ordered migrations in `marsad/store/migrations/`.
"""
from __future__ import annotations

from pathlib import Path

from marsad.store.base import Store, StoreError

DEFAULT_DB = "marsad.db"


def is_postgres(url: str) -> bool:
    return str(url).startswith(("postgresql://", "postgres://", "postgresql+psycopg://"))


def open_store(url_or_path: str | Path = DEFAULT_DB, *, migrate: bool = True, readonly: bool = False) -> Store:
    """Open the store at `url_or_path`: a PostgreSQL URL, an `sqlite:///`
    URL, a file path, or ":memory:"."""
    url = str(url_or_path)
    if is_postgres(url):
        from marsad.store.postgres import PostgresStore

        store: Store = PostgresStore(url.replace("postgresql+psycopg://", "postgresql://"), readonly=readonly)
    else:
        from marsad.store.sqlite import SQLiteStore

        if url.startswith("sqlite:///"):
            url = url[len("sqlite:///"):]
        store = SQLiteStore(url, readonly=readonly)
    if migrate and not readonly:
        store.migrate()
    return store


__all__ = ["open_store", "Store", "StoreError", "DEFAULT_DB", "is_postgres"]
