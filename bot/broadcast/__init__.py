"""Announcements, pure parts: the message recipients see, the report, the /thongbao dialogue."""
