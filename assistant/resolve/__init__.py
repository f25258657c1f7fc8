"""Resolve client: which client (if any) wrote this message."""

from assistant.resolve.directory import ClientDirectory, Match, Resolution

__all__ = ["ClientDirectory", "Match", "Resolution"]
