"""``python -m analysis.sensitivity``: see ``analysis.sensitivity.cli``."""

from analysis.sensitivity.cli import main

if __name__ == "__main__":
    main()
