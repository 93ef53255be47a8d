"""Reminders: unfinished drafts, deadlines, and entries overdue for a decision."""
