"""Date and number formats of our own languages (``FORMAT_MODULE_PATH``)."""
