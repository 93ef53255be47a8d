"""Reviewing entries: status transitions, reviewer commands, notices, the reviewer digest.

Pure core: transitions, step, commands, notices, effects (types), catalogue*, digest_render
(the digest as messages). Side effects beside it: handlers (effect handlers), hook (the
runner's pre-step), digest and overdue (jobs), sheets (xlsx/csv of entries).
The pure core must not import web, SDK or database modules; nothing here imports webhook or cli.
"""
