"""vedtak: board papers of Norwegian public bodies into trustworthy data."""

__version__ = "0.1.0"
EXTRACTOR_VERSION = "0.1.0"
