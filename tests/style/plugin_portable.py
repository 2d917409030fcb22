#!/usr/bin/env python3
"""The plugin builds on Windows (MSVC) and macOS too: no POSIX-only header in plugin/.

Usage: plugin_portable.py PLUGIN_DIR. Prints each offending include and exits 1.
(Windows and macOS builds are not run here; this keeps the source from drifting.)
"""
import pathlib
import re
import sys

POSIX_ONLY = re.compile(
    r'^\s*#\s*include\s*<(unistd\.h|sys/[^>]+|pthread\.h|dirent\.h|fcntl\.h|strings\.h|'
    r'arpa/[^>]+|netinet/[^>]+|netdb\.h|poll\.h|dlfcn\.h|termios\.h|syslog\.h|pwd\.h|grp\.h)>')


def main(plugin_dir):
    found = []
    for path in sorted(pathlib.Path(plugin_dir).rglob("*")):
        if path.suffix not in (".cc", ".h", ".c", ".cpp"):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if POSIX_ONLY.match(line):
                found.append(f"{path}:{number}: POSIX-only header: {line.strip()}")
    print("\n".join(found) or f"no POSIX-only header under {plugin_dir}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
