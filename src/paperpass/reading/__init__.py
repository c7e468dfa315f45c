"""Reading: the three passes, each paper's reading status and progress through the guide."""
