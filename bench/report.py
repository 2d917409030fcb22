"""RESULTS.md and the chart, from the benchmark's measurements."""
import collections
import dataclasses
import re

import matplotlib

matplotlib.use("Agg")  # no display: write the PNG only
import matplotlib.pyplot as plt  # noqa: E402

# The targets (measured and reported, never asserted).
MAX_WALL_RATIO = 1.10
MAX_RSS_RATIO = 1.10
MAX_SHARE_OF_LUA_OVERHEAD = 1 / 3
MAX_LABCHECK_RATIO = 1.10
MIN_PARALLEL_SPEEDUP = 1.7


@dataclasses.dataclass
class Context:
    command: str
    date: str
    machine: list       # lines describing the machine
    tshark_version: str
    captures: dict      # profile -> stats dict (messages, frames, ...)
    runs: int


@dataclasses.dataclass
class Comparison:
    """One (profile, mode): the plugin and the Lua reference against TCP only."""
    profile: str
    mode: object
    cells: dict  # variant name -> Cell

    def ratio(self, variant, attribute="seconds"):
        return self.cells[variant].median(attribute) / self.cells["tcp-only"].median(attribute)

    def rss_ratio(self, variant):
        return self.cells[variant].peak_rss_mib() / self.cells["tcp-only"].peak_rss_mib()

    def overhead(self, variant):
        return self.cells[variant].median("seconds") - self.cells["tcp-only"].median("seconds")

    def plugin_overhead_ok(self):
        """The plugin costs at most a third of what the Lua reference adds."""
        plugin, lua = self.overhead("plugin"), self.overhead("lua")
        return plugin <= 0 or (lua > 0 and plugin / lua <= MAX_SHARE_OF_LUA_OVERHEAD)

    def overhead_share(self):
        plugin, lua = self.overhead("plugin"), self.overhead("lua")
        return f"{plugin / lua:.3f}" if lua > 0 else "n/a (Lua not above TCP only)"


def comparisons(cells):
    grouped = collections.OrderedDict()
    for cell in cells:
        grouped.setdefault((cell.profile, cell.mode.name), {})[cell.variant.name] = cell
    return [Comparison(profile, variants["plugin"].mode, variants)
            for (profile, _), variants in grouped.items()]


def _verdict(ok):
    return "met" if ok else "**missed**"


def _tshark_table(comps):
    rows = ["| profile | mode | variant | wall (s) | CPU (s) | peak RSS (MiB) | wall ratio "
            "| CPU ratio | RSS ratio | overhead (s) |",
            "|---|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for c in comps:
        for name, cell in c.cells.items():
            rows.append(
                f"| {c.profile} | `{c.mode.label}` | {cell.variant.label} "
                f"| {cell.median('seconds'):.2f} | {cell.median('cpu_seconds'):.2f} "
                f"| {cell.peak_rss_mib():.0f} | {c.ratio(name):.3f} "
                f"| {c.ratio(name, 'cpu_seconds'):.3f} | {c.rss_ratio(name):.3f} "
                f"| {c.overhead(name):+.2f} |")
    return rows


def _tshark_targets(comps):
    rows = []
    for c in comps:
        where = f"{c.profile}, `{c.mode.label}`"
        wall, rss = c.ratio("plugin"), c.rss_ratio("plugin")
        rows.append(f"| plugin / TCP-only wall ≤ {MAX_WALL_RATIO:.2f} | {where} | {wall:.3f} "
                    f"| {_verdict(wall <= MAX_WALL_RATIO)} |")
        rows.append(f"| plugin / TCP-only peak RSS ≤ {MAX_RSS_RATIO:.2f} | {where} | {rss:.3f} "
                    f"| {_verdict(rss <= MAX_RSS_RATIO)} |")
        rows.append(f"| plugin overhead ≤ 1/3 of Lua's | {where} "
                    f"| {c.overhead('plugin'):+.2f} s vs {c.overhead('lua'):+.2f} s: "
                    f"{c.overhead_share()} | {_verdict(c.plugin_overhead_ok())} |")
    return rows


def _labcheck_rows(lab):
    s, cpu = lab.seconds, lab.cpu_seconds
    ratio = s["labcheck -j 1"] / s["tshark, 1 at a time"]
    cpu_ratio = cpu["labcheck -j 1"] / cpu["tshark, 1 at a time"]
    speedup = s["labcheck -j 1"] / s["labcheck -j 2"]
    table = ["| run | wall (s) | CPU (s) | wall per capture (ms) |", "|---|---:|---:|---:|"]
    table += [f"| {label} | {sec:.1f} | {cpu[label]:.1f} | {1000 * sec / lab.captures:.0f} |"
              for label, sec in s.items()]
    targets = [
        f"| labcheck -j 1 ≤ {MAX_LABCHECK_RATIO:.2f} × bare tshark (1 at a time) | "
        f"{lab.captures} captures | {ratio:.3f} (CPU {cpu_ratio:.3f}) "
        f"| {_verdict(ratio <= MAX_LABCHECK_RATIO)} |",
        f"| labcheck -j 2 ≥ {MIN_PARALLEL_SPEEDUP} × faster than -j 1 | {lab.captures} captures "
        f"| {speedup:.2f}× (bare tshark 2 at a time: "
        f"{s['tshark, 1 at a time'] / s['tshark, 2 at a time']:.2f}×) "
        f"| {_verdict(speedup >= MIN_PARALLEL_SPEEDUP)} |"]
    return table, targets


def write_markdown(path, ctx, comps, lab, lab_missing, chart_name):
    out = ["# labproto benchmark results", "",
           f"Generated {ctx.date} by:", "", "```sh", ctx.command, "```", "",
           "## Machine", ""]
    out += [f"- {line}" for line in ctx.machine] + [f"- {ctx.tshark_version}", ""]
    out += ["## Captures", "",
            "| profile | messages | connections | frames | body bytes | bodies < 40 B |",
            "|---|---:|---:|---:|---:|---:|"]
    for name, s in ctx.captures.items():
        out.append(f"| {name} | {s['messages']:,} | {s['connections']:,} | {s['frames']:,} "
                   f"| {s['bytes']:,} | {100 * s['under_40_bytes'] / s['messages']:.0f} % |")
    out += ["", "## tshark: the plugin, TCP only and the Lua reference", "",
            f"Medians of {ctx.runs} timed runs per cell after a warm-up, variants alternated "
            "within each round. Ratios are against TCP only (`--disable-protocol labproto`); "
            "overhead is the wall time above it. CPU is user + system time, which other load "
            "on the machine disturbs less than wall time. Peak RSS is the largest of the runs.",
            ""]
    out += _tshark_table(comps)
    out += ["", f"![wall time and peak RSS]({chart_name})", "", "## Targets", "",
            "| target | where | measured | |", "|---|---|---|---|"]
    out += _tshark_targets(comps)
    lab_table = []
    if lab:
        lab_table, lab_targets = _labcheck_rows(lab)
        out += lab_targets
    out += ["", "## labcheck", ""]
    if lab:
        out += [f"{lab.captures} generated lab captures (one connection of 8 messages each) "
                "with sidecar specs written from what the generator sent; every run must "
                f"pass them all. They are checked in {lab.parts} parts, the four ways taking "
                "turns part by part (labcheck starts once per part). Bare tshark runs exactly "
                "what labcheck runs for each capture:",
                "", "```", "tshark " + " ".join(lab.tshark_args), "```", ""] + lab_table
    else:
        out.append(f"Not measured: {lab_missing}")
    for section in _other_scripts_sections(path):
        out += ["", section]
    out.append("")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out))


def _other_scripts_sections(path):
    """The sections other scripts (foreign.py, filters.py) keep between their
    markers in the old file: rewriting RESULTS.md must not drop them."""
    try:
        with open(path, encoding="utf-8") as f:
            old = f.read()
    except FileNotFoundError:
        return []
    marked = r"<!-- ([\w.]+): begin -->.*?<!-- \1: end -->"
    return [m.group(0) for m in re.finditer(marked, old, flags=re.S)]


def write_chart(path, comps):
    variants = list(comps[0].cells)
    fig, (wall_ax, rss_ax) = plt.subplots(1, 2, figsize=(13, 5))
    width = 0.8 / len(variants)
    labels = [f"{c.profile}\n{c.mode.name}" for c in comps]
    for i, name in enumerate(variants):
        xs = [n + (i - (len(variants) - 1) / 2) * width for n in range(len(comps))]
        label = comps[0].cells[name].variant.label
        wall_ax.bar(xs, [c.cells[name].median("seconds") for c in comps], width, label=label)
        rss_ax.bar(xs, [c.cells[name].peak_rss_mib() for c in comps], width, label=label)
    for ax, title, unit in ((wall_ax, "median wall time", "s"), (rss_ax, "peak RSS", "MiB")):
        ax.set_xticks(range(len(comps)), labels)
        ax.set_title(title)
        ax.set_ylabel(unit)
        ax.grid(axis="y", alpha=0.3)
    wall_ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
