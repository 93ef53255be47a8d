"""The reviewers' desk, bot side: who may use it, its texts, scoring and decision rules, marks.

Owns: access (roles, councils), catalogue (every desk text), scoring and decision (pure
rules), marks (similar entries and checklist flags kept per entry), signin (/dangnhap),
council_sheet (the results spreadsheet). The pages themselves live in webhook/desk*.py.
Must not import: webhook, cli. catalogue and scoring stay pure (no web, SDK or
database module); access, decision, marks and signin may use storage.
"""
