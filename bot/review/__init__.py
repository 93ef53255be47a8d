"""Reviewing entries, pure: status transitions as data, reviewer commands, notices."""
