"""gongshu-targets: track a government work report's quantified commitments."""
