"""fundwatch benchmarks (`make bench`): each measures a stage next to a baseline run in the same
process, and prints figures and ratios. Timings are reported, never asserted."""
