"""The core: plan and figures in, decisions out. It returns models and raises our own
errors; it never prints, exits or words a result for a reader (that is ``outputs``)."""
