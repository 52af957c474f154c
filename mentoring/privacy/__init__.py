"""Personal data: what the product holds about a person, as a download, and the erasure of their account.

Each app registers a section (what it holds about a person, and how to forget it) from its AppConfig.ready(), so
this lowest layer never imports the higher apps (as with notifications.scanning and home.panels).
"""
