"""Trợ lý Sáng kiến bot: dialogue engine, channel adapters, runner and outbound sending."""
