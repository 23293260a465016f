import sys

from giaouoc.cli.app import main

if __name__ == "__main__":
    sys.exit(main())
