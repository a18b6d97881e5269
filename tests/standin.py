"""Placeholder: the stand-in for LinkedIn's token endpoint is being written."""
