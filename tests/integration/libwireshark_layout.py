"""Where a libwireshark's own flow graph code reads the fields labproto declares itself
(plugin/epan/ws_sequence_analysis.h), read off its machine code with binutils (x86-64):

- sequence_analysis_get_nodes loads sainfo->items (`mov 0xNN(%rdi),%rdi`) and hands
  g_queue_foreach a callback (`lea ...(%rip),%rsi  # ADDR`) whose first read of its
  item is `if (item->display)`;
- sequence_analysis_free_nodes ends by storing 0 in sainfo->num_nodes
  (`movl $0x0,0xNNN(%reg)`, before its `ret`).
"""
import re
import subprocess


def _symbols(lib):
    out = subprocess.run(["nm", "-D", "--defined-only", lib], capture_output=True, text=True,
                         check=True).stdout
    return {parts[2]: int(parts[0], 16) for parts in (l.split() for l in out.splitlines())
            if len(parts) == 3}


def _disassemble(lib, start, length):
    out = subprocess.run(["objdump", "-d", "--no-show-raw-insn", f"--start-address={start:#x}",
                          f"--stop-address={start + length:#x}", lib],
                         capture_output=True, text=True, check=True).stdout
    return [l.split("\t", 1)[1] for l in out.splitlines() if re.match(r"\s+[0-9a-f]+:\t", l)]


def layout(lib):
    """{"items", "display", "num_nodes"}: offsets as libwireshark `lib` uses them."""
    symbols = _symbols(lib)
    get_nodes = _disassemble(lib, symbols["sequence_analysis_get_nodes"], 0x60)
    free_nodes = _disassemble(lib, symbols["sequence_analysis_free_nodes"], 0x100)
    found = {}
    for insn in get_nodes:
        if m := re.match(r"mov\s+(0x[0-9a-f]+)\(%rdi\),%rdi", insn):
            found["items"] = int(m.group(1), 16)
        if m := re.match(r"lea\s+\S+\(%rip\),%rsi\s+# ([0-9a-f]+)", insn):
            callback = int(m.group(1), 16)
    for insn in _disassemble(lib, callback, 0x40):
        if m := re.search(r"(0x[0-9a-f]+)\(%rdi\)", insn):
            found["display"] = int(m.group(1), 16)
            break
    for insn in free_nodes:
        if insn.startswith("ret"):
            break
        if m := re.match(r"movl\s+\$0x0,(0x[0-9a-f]+)\(%r\w+\)", insn):
            found["num_nodes"] = int(m.group(1), 16)
    return found
