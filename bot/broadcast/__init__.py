"""Announcements: what recipients see, the report, the /thongbao dialogue, and their delivery.

Pure core: rules, render, compose, catalogue, effects (types). Side effects beside it:
broadcaster (the paced sender job), delivery (storage-backed pieces), hook (the runner's
pre-step). The pure core must not import web, SDK or database modules; nothing here imports
webhook or cli.
"""
