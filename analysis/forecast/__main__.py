"""``python -m analysis.forecast <directory>``: see ``analysis.forecast.cli``."""

from analysis.forecast.cli import main

if __name__ == "__main__":
    main()
