"""``python -m analysis.compare <directory>``: see ``analysis.compare.cli``."""

from analysis.compare.cli import main

if __name__ == "__main__":
    main()
