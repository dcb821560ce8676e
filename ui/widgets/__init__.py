"""Small reusable widgets: field errors, strength meter, wrapping choices."""
