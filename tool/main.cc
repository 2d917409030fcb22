// labcheck: checks packet captures against YAML expectations by driving
// tshark with the labproto Wireshark plugin. Command line only; the work is
// in driver/ (processes) and core/ (everything else).
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <cstring>
#include <thread>

#include "check_command.h"
#include "init_command.h"
#include "interrupts.h"
#include "passthrough_command.h"

#ifndef LABCHECK_VERSION
#error "LABCHECK_VERSION must be defined by the build"
#endif

namespace {

using namespace labcheck;

void add_tool_options(CLI::App &app, ToolOptions &tool) {
    app.add_option("--tshark", tool.tshark, "tshark to run (default: tshark on PATH)");
    app.add_option("--plugin-dir", tool.plugin_dir,
                   "folder laid out as DIR/<major.minor>/epan/labproto.so (default: "
                   "$WIRESHARK_PLUGIN_DIR, else this build's plugin)");
    app.add_flag("--system-plugin", tool.system_plugin,
                 "use the labproto plugin installed in tshark's system plugin folder");
    app.add_option("--timeout", tool.timeout_seconds, "seconds one capture may take (default 300)")
        ->check(CLI::Range(1, 1 << 30));
    app.add_flag("-v,--verbose", tool.verbose,
                 "say which tshark and plugin run, and how (as nobody when root)");
}

bool colour_wanted(const std::string &mode) {
    if (mode == "always") return true;
    if (mode == "never" || std::getenv("NO_COLOR")) return false;
    const char *term = std::getenv("TERM");
    return isatty(STDOUT_FILENO) && !(term && std::strcmp(term, "dumb") == 0);
}

}  // namespace

int main(int argc, char **argv) {
    // Before any thread: SIGINT and SIGTERM stop tshark and clean up.
    interrupts::install();
    CLI::App app{
        "labcheck: checks packet captures against YAML specs by driving tshark with the labproto "
        "plugin.\nPATH is a capture (checked against its sidecar X.yaml), a spec file, or a "
        "folder searched for captures with sidecar specs.\nExit status: 0 all passed, 1 some "
        "failed or errored, 2 usage, spec or environment error, or a report not written.",
        "labcheck"};
    app.fallthrough();
    app.set_version_flag("--version", "labcheck " LABCHECK_VERSION);

    CheckOptions check;
    check.jobs = std::max(1u, std::thread::hardware_concurrency());
    std::string shard, colour = "auto";
    add_tool_options(app, check.tool);
    app.add_option("PATH", check.paths, "captures, specs or folders");
    app.add_option("--spec", check.spec, "check every capture given against this one spec");
    app.add_option("-j,--jobs", check.jobs, "captures checked in parallel (default: cores)")
        ->check(CLI::Validator(
            [](const std::string &value) {
                return value.find_first_not_of("0123456789") == std::string::npos &&
                               std::strtoul(value.c_str(), nullptr, 10) >= 1
                           ? std::string()
                           : "must be a whole number of captures, at least 1, not " + value;
            },
            "N>=1"));
    app.add_option("--shard", shard, "check only part K of N of the captures (K/N, 1-based)");
    app.add_option("--junit", check.junit, "write a JUnit XML report here");
    app.add_option("--json", check.json, "write a JSON report here");
    app.add_option("--report-dir", check.report_dir,
                   "write one readable report per capture into this folder (for handing back)");
    app.add_flag("--hex", check.tool.hex, "show message bodies in hex in the differences");
    app.add_flag("-q,--quiet", check.quiet, "print only failures, errors and the totals");
    app.add_flag("--update", check.update,
                 "rewrite specs to what their captures decode to now, and show what changed");
    app.add_flag("--force", check.force,
                 "with --update and --spec: rewrite that shared spec from the one capture given");
    app.add_option("--color", colour, "auto, always or never")
        ->check(CLI::IsMember({"auto", "always", "never"}));

    InitOptions init;
    std::vector<std::string> prefs;
    CLI::App *init_cmd = app.add_subcommand(
        "init", "write a starter sidecar spec X.yaml from what capture X decodes to");
    init_cmd->add_option("CAPTURE", init.captures, "captures to describe")->required();
    init_cmd->add_option("-o,--pref", prefs, "tshark preference NAME:VALUE, kept in the spec")
        ->allow_extra_args(false);
    init_cmd
        ->add_option("-d,--decode-as", init.settings.decode_as,
                     "Decode As rule such as tcp.port==9230,labproto")
        ->allow_extra_args(false);
    init_cmd
        ->add_option("--enable-heuristic", init.settings.heuristics,
                     "heuristic dissector to enable, such as labproto_tcp")
        ->allow_extra_args(false);
    init_cmd->add_flag("-2,--two-pass", init.settings.two_pass, "two-pass analysis");
    init_cmd->add_flag("--force", init.force, "overwrite an existing spec");

    PassthroughOptions passthrough;
    CLI::App *tshark_cmd = app.add_subcommand(
        "tshark",
        "run tshark (ARGS after --) with exactly the chosen plugin, staged and checked as for "
        "checks, and exit with tshark's status; captures named by -r are staged for tshark");
    tshark_cmd->add_option("ARGS", passthrough.args, "tshark's arguments, after --");
    tshark_cmd->add_flag("--print-command", passthrough.print_command,
                         "instead of running tshark, print as JSON how to run it (argv ending "
                         "with tshark, env, cwd, plugin) for callers that append their ARGS");
    tshark_cmd->add_option("--stage", passthrough.stage,
                           "stage in this folder, which is kept (needed with --print-command)");
    tshark_cmd
        ->add_option("--env", passthrough.env,
                     "NAME=VALUE added to tshark's environment, for the plugin check too (a "
                     "sanitizer runtime to preload, say)")
        ->allow_extra_args(false)
        ->check(CLI::Validator(
            [](const std::string &value) {
                const size_t eq = value.find('=');
                return eq != std::string::npos && eq > 0 ? std::string()
                                                         : "must be NAME=VALUE, not " + value;
            },
            "NAME=VALUE"));
    tshark_cmd
        ->add_flag("--no-plugin", passthrough.no_plugin,
                   "an empty plugin folder instead: tshark must load no labproto at all")
        ->excludes(app.get_option("--system-plugin"))
        ->excludes(app.get_option("--plugin-dir"));

    try {
        app.parse(argc, argv);
        if (!shard.empty() && !(check.shard = Shard::parse(shard)))
            throw CLI::ValidationError("--shard", "must be K/N with 1 <= K <= N, such as 2/4");
        if (tshark_cmd->parsed() && passthrough.print_command && !passthrough.stage)
            throw CLI::RequiredError(
                "--stage DIR (with --print-command: the folder the printed "
                "command uses, which the caller removes)");
        if (tshark_cmd->parsed() && passthrough.print_command && !passthrough.args.empty())
            throw CLI::ValidationError("--print-command",
                                       "prints the command without tshark's ARGS: append them");
        if (!init_cmd->parsed() && !tshark_cmd->parsed() && check.paths.empty())
            throw CLI::RequiredError("PATH (a capture, spec or folder)");
        for (const std::string &p : prefs) {
            const size_t colon = p.find(':');
            if (colon == std::string::npos || colon == 0)
                throw CLI::ValidationError("--pref", "must be NAME:VALUE, not " + p);
            init.settings.preferences.emplace_back(p.substr(0, colon), p.substr(colon + 1));
        }
    } catch (const CLI::ParseError &e) {
        const int status = app.exit(e);
        return status == 0 ? 0 : 2;
    }
    if (tshark_cmd->parsed()) {
        passthrough.tool = check.tool;
        return run_passthrough(passthrough);
    }
    if (init_cmd->parsed()) {
        init.tool = check.tool;
        return run_init(init);
    }
    check.color = colour_wanted(colour);
    return run_check(check);
}
