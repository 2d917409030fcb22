#include "frames_tap.h"

namespace labcheck {

std::vector<std::string> frames_tap_arguments(const std::vector<std::string> &filters) {
    std::vector<std::string> args;
    for (size_t id = 0; id < filters.size(); ++id) {
        args.push_back("-z");
        args.push_back("labproto,frames," + std::to_string(id) + "," + filters[id]);
    }
    return args;
}

}  // namespace labcheck
