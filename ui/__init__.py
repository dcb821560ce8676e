"""The PySide6 desktop client of Lotse; ``ui.main`` is its composition root."""
