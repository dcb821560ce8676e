"""The yearly file an office sends to the state coordinator, and reading it back.

Everything here takes plain data (``app.domain.yearly_report``) and returns bytes;
nothing touches the disk. The file is a zip holding ``report.json`` (the data, with
codes), its detached CMS signature, one CSV per table, a summary PDF and a README;
it is optionally encrypted for the coordinator as CMS EnvelopedData.
"""
