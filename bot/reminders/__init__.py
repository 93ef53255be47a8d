"""Reminders: unfinished drafts, deadlines, and entries overdue for a decision.

Owns: rules and catalogue (pure), send (the job, through the outbox). rules and catalogue
must not import web, SDK or database modules; nothing here imports webhook or cli.
"""
