"""Entry point of the frozen bundle: the same as the ``lotse`` console script."""

import sys

from ui.main import main

if __name__ == "__main__":
    sys.exit(main())
