"""The `sangkien` command line: one module per command group, each a thin shell over
storage/, bot/ and webhook/ functions. Nothing in bot/, storage/, scheduler/ or webhook/
imports this package; it is an entry point, like the HTTP app."""
