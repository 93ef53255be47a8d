"""Background work on the leader: outbox sending now; digests, reminders, announcements later."""
