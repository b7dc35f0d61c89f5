#!/usr/bin/env python3
"""Regenerate every test file and its truth CSV (stdlib only)."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lib, files_a, files_b

def main():
    names = []
    for b in files_a.BUILDERS + files_b.BUILDERS:
        fn, data, rows = b()
        lib.write_bytes(fn, data)
        lib.write_truth(fn, rows)
        names.append((fn, len(rows)))
    for fn, n in names:
        print("%-58s %2d turns" % (fn, n))
    print(len(names), "files")

if __name__ == "__main__":
    main()
