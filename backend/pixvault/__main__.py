import sys

from pixvault.cli import main

sys.exit(main())
