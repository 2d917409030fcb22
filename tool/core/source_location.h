// Where in a spec file something was written, for messages like "x.yaml:12".
#pragma once

#include <string>

namespace labcheck {

struct SourceLocation {
    std::string file;
    int line = 0;  // 1-based; 0 when unknown

    std::string str() const { return line > 0 ? file + ":" + std::to_string(line) : file; }
};

}  // namespace labcheck
