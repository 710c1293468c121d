"""Provides `pmtui actions sync`: a tracker's own export read back into action items.

readers.py reads a Jira CSV export, a Linear CSV export or the JSON of `gh issue list`
into TrackerIssue values (statuses.py maps each tracker's status words to pmtui's);
plan.py matches them to action items and says what would change. Pure: text in, plan out;
the CLI applies a plan through the service.
"""
