"""Provides the ways a post-mortem leaves pmtui: Markdown documents and pmtui/1 JSON."""
