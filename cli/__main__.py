"""`python -m cli`: the same as the `sangkien` console script."""

import sys

from cli.main import main

sys.exit(main())
