"""The segmentation stage: sentences and clauses, in original offsets."""
from __future__ import annotations

from marsad.doc import Doc
from marsad.pipeline import component
from marsad.text import clauses, sentences


def segment(doc: Doc) -> None:
    doc.sentences = sentences(doc.text)
    doc.clauses = [c for s in doc.sentences for c in clauses(doc.text, s)]


@component("segment")
def segmenter():
    return segment
