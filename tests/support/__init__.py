"""Shared test support: databases, a real server process, scripted chats."""
