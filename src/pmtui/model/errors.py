"""Provides the one error type the model raises for invalid user input."""

from __future__ import annotations


class ValidationError(ValueError):
    """A value a user typed or imported is not acceptable.

    `where` names the item and field ("timeline[3].kind", "due") so a message can point at
    the exact place; `message` is a sentence a person can act on.
    """

    def __init__(self, message: str, where: str = "") -> None:
        self.message = message
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)

    def at(self, prefix: str) -> ValidationError:
        """The same error, located inside `prefix` (an item such as "action_items[2]")."""
        where = f"{prefix}.{self.where}" if self.where else prefix
        return ValidationError(self.message, where)
