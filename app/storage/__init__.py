"""Encrypted storage: key file, SQLCipher engine, models and migrations."""
