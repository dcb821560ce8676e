"""Use cases. Each owns its transactions and speaks in dataclasses."""
