"""Rendering an analysis: the terminal report, the markdown memo, and JSON. No reasoning happens here."""

from stare.report.memo import render_memo
from stare.report.terminal import render_text

__all__ = ["render_json", "render_memo", "render_text"]


def render_json(analysis) -> str:
    return analysis.model_dump_json(indent=2)
