"""Provides compound controls: widgets that open dialogs of their own (one layer above modals)."""
