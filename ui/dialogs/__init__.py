"""Dialogs: unlock, new passphrase."""
