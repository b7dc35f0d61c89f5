"""Regenerate every test file and its truth CSV: python3 scripts/make_all.py"""
import os
import sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import build_truth, write_truth, write_file  # noqa: E402
import gen_a  # noqa: E402
import gen_b  # noqa: E402


def main():
    for g in gen_a.GENS + gen_b.GENS:
        name, data, blocks, notes = g()
        rows = build_truth(blocks, notes)
        write_file(name, data)
        write_truth(name, rows)
        print('%-58s %2d turns' % (name, len(rows)))


if __name__ == '__main__':
    main()
