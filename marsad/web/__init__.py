"""The analyst's web view and HTTP API over the knowledge base
(`marsad serve`): server-rendered pages and a JSON API under /api/v1, a
thin view over `marsad.query`."""
from __future__ import annotations

__all__ = ["create_app"]


def create_app(*args, **kwargs):  # imported lazily: fastapi is only needed to serve
    from marsad.web.app import create_app as _create_app

    return _create_app(*args, **kwargs)
