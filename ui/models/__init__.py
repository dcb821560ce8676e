"""Qt item models over lists of plain DTOs, testable without a view."""
