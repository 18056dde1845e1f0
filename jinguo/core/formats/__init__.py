"""The platform's own locale formats (settings.FORMAT_MODULE_PATH); Django's cover whatever is not set here."""
