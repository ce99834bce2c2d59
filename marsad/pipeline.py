"""A pipeline of named components over a shared `Doc`, in the manner of
spaCy: each stage registers itself by name; `Pipeline` runs them in order.

A stage that fails on one document records a coded error on that document
and the pipeline goes on with the next stage: a bad document never stops a
batch."""
from __future__ import annotations

import gc
import logging
from collections.abc import Callable, Iterable, Iterator

from marsad.doc import Doc

log = logging.getLogger(__name__)

Component = Callable[[Doc], None]
_REGISTRY: dict[str, Callable[[], Component]] = {}

DEFAULT_STAGES = ("dateline", "segment", "entities", "ner", "dates", "figures", "events")


def component(name: str):
    """Register a factory that builds a component (called once per pipeline,
    so that heavy data such as the gazetteer automaton loads once)."""

    def register(factory: Callable[[], Component]) -> Callable[[], Component]:
        _REGISTRY[name] = factory
        return factory

    return register


def registered() -> list[str]:
    _import_stages()
    return sorted(_REGISTRY)


def _import_stages() -> None:
    # Importing the stage modules registers their components.
    from marsad import dates, entities, events, figures, ner, segment  # noqa: F401


class Pipeline:
    def __init__(self, stages: Iterable[str] = DEFAULT_STAGES):
        _import_stages()
        self.names = list(stages)
        unknown = [n for n in self.names if n not in _REGISTRY]
        if unknown:
            raise ValueError(f"unknown pipeline stage(s): {', '.join(unknown)}; known: {', '.join(sorted(_REGISTRY))}")
        self.components = [(n, _REGISTRY[n]()) for n in self.names]

    def __call__(self, doc: Doc) -> Doc:
        if not doc.text.strip():
            return doc
        for name, comp in self.components:
            try:
                comp(doc)
            except Exception as exc:  # one stage failing must not lose the document
                log.exception("stage %s failed on %s", name, doc.id)
                doc.add_error(f"stage_failed:{name}", f"{type(exc).__name__}: {exc}")
        return doc

    def keep_loaded(self) -> "Pipeline":
        """Take what the stages loaded (gazetteer, lexicons, model: some
        400,000 objects that live as long as the process) out of the
        garbage collector's full passes, which otherwise cost a tenth of
        extraction's time. For a process that keeps one pipeline."""
        gc.collect()
        gc.freeze()
        return self

    def pipe(self, docs: Iterable[Doc]) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)
