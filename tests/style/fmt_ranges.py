#!/usr/bin/env python3
"""Every file that calls fmt::join includes <fmt/ranges.h>.

fmt 11 (Debian sid, Ubuntu 24.10+) moved fmt::join out of <fmt/format.h>; Debian 12's
fmt 9 still has it there, so a missing include only breaks the newer builds.
Usage: fmt_ranges.py DIR... Prints each offending file and exits 1.
"""
import pathlib
import sys


def main(dirs):
    found = []
    for d in dirs:
        for path in sorted(pathlib.Path(d).rglob("*")):
            if path.suffix not in (".cc", ".h", ".cpp"):
                continue
            text = path.read_text(encoding="utf-8")
            if "fmt::join" in text and "<fmt/ranges.h>" not in text:
                found.append(f"{path}: calls fmt::join without #include <fmt/ranges.h>")
    print("\n".join(found) or "every fmt::join has <fmt/ranges.h>")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
