// Prints where plugin/epan/ws_sequence_analysis.h puts the fields that
// libwireshark's own flow graph code reads, for test_flow.py to hold against
// the disassembly of the libwireshark that tshark runs: the plugin declares
// these structures itself (no distribution installs the header), and a
// declaration that drifts from the version's real one would corrupt the graph.
#include <cstddef>
#include <cstdio>

#include "ws_sequence_analysis.h"

int main() {
    std::printf("items 0x%zx\n", offsetof(seq_analysis_info_t, items));
    std::printf("num_nodes 0x%zx\n", offsetof(seq_analysis_info_t, num_nodes));
    std::printf("display 0x%zx\n", offsetof(seq_analysis_item_t, display));
    return 0;
}
