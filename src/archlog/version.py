"""archlog's version, defined here only (the package build reads it from this file)."""

__version__ = "0.1.0"
