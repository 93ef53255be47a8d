"""Trợ lý Sáng kiến bot: the shared machinery and one package per feature.

Machinery (stands apart): runner, sender, pacing, notify, effects, messages, errors, channels/.
Features (a feature is a package: pure core, effects, hooks and jobs side by side): dialogue/,
review/, broadcast/, desk/, similar/, dossier/, quality/, reminders/, admin/.
Must not import: webhook, cli (entry points import bot, never the other way round).
"""
