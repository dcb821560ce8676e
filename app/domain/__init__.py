"""Pure rules and value types: standard library and app.i18n only."""
