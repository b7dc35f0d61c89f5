"""Regenerate every transcript file and truth CSV of held-out-9: python3 scripts/make_all.py"""
import files_a, files_b, files_c

if __name__ == "__main__":
    for f in files_a.ALL + files_b.ALL + files_c.ALL:
        print(f())
