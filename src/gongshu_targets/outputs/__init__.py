"""The outputs: word, escape and render what the core decided, one module per medium.
Outputs import the core; the core never imports outputs."""
