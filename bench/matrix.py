"""The tshark benchmark matrix: every mode for every variant, runs alternated.

Variants run in turn within each round (rotated from round to round), so a
change in machine load during the benchmark spreads over all of them instead
of landing on one.
"""
import dataclasses
import statistics


@dataclasses.dataclass(frozen=True)
class Variant:
    name: str
    label: str
    options: tuple      # tshark options selecting the variant
    field_prefix: str   # whose fields the fields mode prints
    plugins: bool = True  # False: an empty plugin folder, no labproto at all


def variants(lua_script):
    return (
        Variant("plugin", "labproto plugin", (), "labproto"),
        # The floor: tshark's own TCP dissection, with labproto there but off.
        Variant("tcp-only", "TCP only (labproto disabled)", ("--disable-protocol", "labproto"),
                "labproto"),
        Variant("lua", "Lua reference", ("--disable-protocol", "labproto", "-X",
                                         f"lua_script:{lua_script}"), "labproto_lua"),
    )


# tshark with no labproto plugin loaded at all (not merely disabled): what a
# user without the plugin runs.
NO_PLUGIN = Variant("no-plugin", "no plugin", (), "labproto", plugins=False)


@dataclasses.dataclass(frozen=True)
class Mode:
    name: str
    label: str
    args: tuple = None  # fixed options, whatever the variant

    def options(self, field_prefix):
        if self.args is not None:
            return self.args
        if self.name == "fields":
            return ("-T", "fields", "-e", f"{field_prefix}.len", "-e", f"{field_prefix}.text")
        if self.name == "verbose":
            return ("-V",)
        # Two passes with the expert summary: the lifecycle analysis's output.
        return ("-2", "-q", "-z", "expert")


MODES = (
    Mode("fields", "-T fields -e len -e text"),
    Mode("verbose", "-V > /dev/null"),
    Mode("two-pass", "-2 -q -z expert"),
)


@dataclasses.dataclass
class Cell:
    """All timed runs of one variant in one mode on one capture."""
    profile: str
    mode: Mode
    variant: Variant
    runs: list = dataclasses.field(default_factory=list)

    def median(self, attribute):
        return statistics.median(getattr(run, attribute) for run in self.runs)

    def peak_rss_mib(self):
        return max(run.max_rss_kib for run in self.runs) / 1024


def tshark_args(capture, mode, variant):
    return [*variant.options, "-r", capture, *mode.options(variant.field_prefix)]


def rotated(items, round_number):
    """items in the order of round round_number: each round starts one later."""
    shift = round_number % len(items)
    return items[shift:] + items[:shift]


def run_matrix(env, captures, variant_list, runs, log, modes=MODES):
    """Runs every (capture, mode, variant): a warm-up, then `runs` timed rounds.

    One warm-up per capture and variant is enough: it loads the capture into
    the page cache and the libraries (and the Lua script) into memory, which
    every later mode reuses.
    """
    cells = []
    for profile, capture in captures.items():
        for variant in variant_list:
            log(f"warm-up: {profile} {variant.name}")
            env.measure(tshark_args(capture, modes[0], variant), variant.plugins)
        for mode in modes:
            row = [Cell(profile, mode, v) for v in variant_list]
            for round_number in range(runs):
                for cell in rotated(row, round_number):
                    result = env.measure(tshark_args(capture, mode, cell.variant),
                                         cell.variant.plugins)
                    cell.runs.append(result)
                    log(f"{profile} {mode.name} {cell.variant.name} #{round_number + 1}: "
                        f"{result.seconds:.2f} s wall, {result.cpu_seconds:.2f} s CPU, "
                        f"{result.max_rss_kib / 1024:.0f} MiB")
            cells.extend(row)
    return cells
