"""Provides pure analysis over the model: metrics and the quality guides."""
