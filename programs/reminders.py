"""Only until matching imports `ladder_step` and `unsent` from programs.scans, their home: then delete this."""

from programs.scans import ladder_step, unsent

__all__ = ["ladder_step", "unsent"]
