"""Thin interfaces over the same API: the command line and the web app translate, they do not reason."""
