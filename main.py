"""Start GoogLeNet Studio: python main.py"""
import sys

from googlenet_gui.app import main

if __name__ == "__main__":
    sys.exit(main())
