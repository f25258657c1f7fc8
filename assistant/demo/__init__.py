"""Bundled demo data: a fictional agency, its clients, their documents and a mailbox."""
