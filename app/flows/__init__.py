"""Multi-step flows as state machines, tested without Qt; the UI maps steps to pages."""
