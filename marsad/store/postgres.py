"""PostgreSQL engine (psycopg 3): the same schema and SQL as SQLite (`?`
placeholders rewritten to `%s`), search through a pg_trgm index over the
same normalized text."""
from __future__ import annotations

import re
from contextlib import contextmanager
from typing import Any, ContextManager, Iterable, Iterator, Sequence

from marsad.store.base import Store, StoreError

_PLACEHOLDER = re.compile(r"\?")


def _sql(sql: str) -> str:
    # The SQL here never has a literal "?"; "%" must be doubled for psycopg.
    return _PLACEHOLDER.sub("%s", sql.replace("%", "%%"))


class PostgresStore(Store):
    engine = "postgres"

    def __init__(self, url: str, *, readonly: bool = False) -> None:
        try:
            import psycopg
            from psycopg.rows import dict_row
        except ImportError as exc:  # pragma: no cover - psycopg is a dependency
            raise StoreError("PostgreSQL needs psycopg: pip install 'psycopg[binary]'") from exc
        self.url = url
        try:
            self.conn = psycopg.connect(url, autocommit=True, row_factory=dict_row)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to {_redact(url)}: {exc}") from exc
        if readonly:
            self.conn.execute("SET default_transaction_read_only = on")

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        with self.conn.cursor() as cur:
            cur.execute(_sql(sql), tuple(params))
            return list(cur.fetchall())  # in pipeline mode this waits for the result

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        with self.conn.cursor() as cur:
            cur.execute(_sql(sql), tuple(params) or None)
            return cur.rowcount

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = [tuple(r) for r in rows]
        if rows:
            with self.conn.cursor() as cur:
                cur.executemany(_sql(sql), rows)

    def _outer_transaction(self) -> ContextManager[None]:
        # Pipeline mode: statements whose results are not needed go out
        # without waiting for a round trip each.
        return _pipelined_transaction(self.conn)

    def _savepoint(self) -> ContextManager[None]:
        return self.conn.transaction()  # nested: psycopg makes it a savepoint

    def _tables(self) -> set[str]:
        return {r["table_name"] for r in self.query(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")}

    def _fts_put(self, rowkey: int, body: str) -> None:
        self.execute("INSERT INTO documents_fts (rowkey, body) VALUES (?, ?)", (rowkey, body))

    def _fts_delete(self, rowkey: int) -> None:
        self.execute("DELETE FROM documents_fts WHERE rowkey = ?", (rowkey,))

    def _search_candidates(self, terms: list[str], n: int) -> list[tuple[int, str]]:
        where = " OR ".join("body LIKE ?" for _ in terms)
        likes = ["%" + t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%" for t in terms]
        rows = self.query(f"SELECT rowkey, body FROM documents_fts WHERE {where} ORDER BY rowkey DESC LIMIT ?",
                          (*likes, n))
        return [(r["rowkey"], r["body"]) for r in rows]

    def close(self) -> None:
        try:
            self.conn.close()
        except Exception:
            pass


@contextmanager
def _pipelined_transaction(conn) -> Iterator[None]:
    with conn.pipeline(), conn.transaction():
        yield


def _redact(url: str) -> str:
    return re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", url)
