"""Provides the Textual review workspace; the only package that imports Textual."""
