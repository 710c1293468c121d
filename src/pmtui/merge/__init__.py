"""Provides the three-way merge of post-mortems that `pmtui merge-driver` runs for git.

Pure functions over pmtui/1 documents (no I/O): lines.py merges sequences of lines, values.py
single values, items.py lists of items matched by id, postmortem.py a whole document, and
places.py sets the value a conflict names when it is resolved.
"""
