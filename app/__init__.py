"""Lotse: offline case management for migration social counselling offices."""

NAME = "Lotse"
__version__ = "0.1.0"
