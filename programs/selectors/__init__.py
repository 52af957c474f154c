"""What the programs pages show, one module per page family: plain data in a fixed number of queries."""
