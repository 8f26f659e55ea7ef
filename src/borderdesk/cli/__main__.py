import sys

from borderdesk.cli import main

sys.exit(main())
