"""A module that exists only to prove that a folder and one line in INSTALLED_APPS add a module."""
