"""Renderers: turn a finished comparison into JSON, text, Markdown or HTML; they compute nothing."""
