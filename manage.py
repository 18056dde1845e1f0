#!/usr/bin/env python
from jinguo.cli import main

if __name__ == "__main__":
    main()
