"""pmtui: a keyboard-first terminal app for blameless incident post-mortems."""

__version__ = "0.1.0"
