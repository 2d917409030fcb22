#include "preflight.h"

#include <fmt/format.h>
#include <fmt/ranges.h>  // fmt::join (in format.h before fmt 11)

#include <filesystem>
#include <future>
#include <sstream>

#include "tshark_command.h"
#include "tshark_listings.h"

namespace labcheck {

namespace {

constexpr int kPreflightTimeout = 120;

// tshark loads every plugin before it answers anything, so a crash or
// failure of a plain question is most likely the plugin's doing.
void require_answer(const ProcessOutcome &outcome, const char *question,
                    const TsharkLauncher &launcher) {
    const PluginLocation &plugin = launcher.plugin();
    const std::string folder = plugin.system ? "tshark's system plugin folder" : plugin.dir;
    if (outcome.timed_out)  // --timeout is for captures: no "raise --timeout?"
        throw EnvironmentError(fmt::format(
            "tshark did not answer within {} s (asking tshark {}): does `{} --version` hang? is "
            "the labproto plugin in {} stuck?",
            kPreflightTimeout, question, launcher.tshark(), folder));
    const auto failure = tshark_failure(outcome, kPreflightTimeout);
    if (!failure) return;
    throw EnvironmentError(
        fmt::format("{}\n(asking tshark {}): is the labproto plugin in {} damaged? rebuild it",
                    *failure, question, folder));
}

struct PluginListing {
    std::optional<PluginEntry> labproto;
    std::string complaints;  // what tshark said on stderr about labproto.so, if anything
};

PluginListing loaded_plugin(const TsharkLauncher &launcher) {
    ProcessOutcome outcome;
    const std::string out =
        run_for_output(launcher.command({"-G", "plugins"}), kPreflightTimeout, &outcome);
    require_answer(outcome, "-G plugins", launcher);
    PluginListing listing;
    std::istringstream in(out);
    std::string line;
    while (std::getline(in, line))
        if (auto entry = parse_plugin_line(line); entry && entry->name == "labproto.so")
            listing.labproto = entry;
    std::istringstream err(outcome.stderr_text);
    while (std::getline(err, line))
        if (line.find("labproto") != std::string::npos) listing.complaints += "\n" + line;
    return listing;
}

void check_plugin_file(const TsharkLauncher &launcher, const std::string &abi) {
    const PluginLocation &plugin = launcher.plugin();
    std::error_code ec;
    if (!plugin.system && !std::filesystem::is_regular_file(plugin.file(abi), ec))
        throw EnvironmentError(fmt::format(
            "no labproto plugin at {} (from {}): build it (cmake --build build), point "
            "--plugin-dir at a folder laid out as DIR/{}/epan/labproto.so, or use --system-plugin",
            plugin.file(abi), plugin.origin, abi));
}

void check_plugin(const TsharkLauncher &launcher, const PluginListing &listing,
                  const Version &version, const std::string &abi) {
    const std::optional<PluginEntry> &entry = listing.labproto;
    const std::string expected = launcher.expected_plugin(abi);
    if (!entry) {
        if (expected.empty())
            throw EnvironmentError(
                "tshark did not load a labproto plugin from its system plugin folder: install "
                "it there (cmake --install build), or give --plugin-dir DIR");
        throw EnvironmentError(fmt::format(
            "tshark did not load the labproto plugin {} (tshark {} carries on without a plugin "
            "built for another Wireshark version or one that fails to load: rebuild it against "
            "Wireshark {}, and check `ldd` on it){}",
            launcher.plugin_shown(abi), version.str(), abi, listing.complaints));
    }
    if (!expected.empty() && entry->path != expected)
        throw EnvironmentError(fmt::format(
            "tshark loaded labproto from {} instead of {}: a labproto.so in tshark's system plugin "
            "folder shadows the one asked for; remove it, or use --system-plugin",
            entry->path, launcher.plugin_shown(abi)));
}

FieldCatalog field_catalog(const TsharkLauncher &launcher, const std::vector<PlannedSpec> &specs) {
    std::vector<std::string> wanted = {"frame.number"};  // in any tshark's list
    for (const PlannedSpec &p : specs)
        wanted.insert(wanted.end(), p.plan.fields().begin(), p.plan.fields().end());
    FieldCatalog catalog(wanted);
    const ProcessOutcome outcome = run_process(launcher.command({"-G", "fields"}),
                                               kPreflightTimeout, [&](const std::string &line) {
                                                   catalog.add_line(line);
                                                   return true;
                                               });
    require_answer(outcome, "-G fields", launcher);
    if (!catalog.has("frame.number"))
        throw EnvironmentError("tshark -G fields listed no fields: is " + launcher.tshark() +
                               " tshark?");
    return catalog;
}

std::string unknown_field(const FieldCatalog &catalog, const std::string &field,
                          const SourceLocation &where) {
    const auto guess = catalog.suggestion(field);
    const std::string hint = guess ? fmt::format(" (did you mean {}?)", *guess) : "";
    if (where.file.empty())
        return fmt::format(
            "the labproto plugin has no field {}, which labcheck needs: is the "
            "plugin older than this labcheck?",
            field);
    return fmt::format("{}: unknown field {}{}; list fields with: tshark -G fields", where.str(),
                       field, hint);
}

// A value test the field's type cannot pass (a range over text, a value of FT_NONE).
std::optional<std::string> type_mismatch(const FieldExpectation &f, const std::string &type) {
    const ValueKind kind = value_kind_of(type);
    const auto m = f.matcher.kind();
    const bool presence = m == ValueMatcher::Kind::kPresent || m == ValueMatcher::Kind::kAbsent;
    if (kind == ValueKind::kPresence && !presence)
        return fmt::format("{}: {} has no value ({}); test it with present or absent",
                           f.where.str(), f.field, type);
    if (m == ValueMatcher::Kind::kRange && kind != ValueKind::kNumber)
        return fmt::format("{}: range needs a numeric field; {} is {}", f.where.str(), f.field,
                           type);
    return std::nullopt;
}

// Adds `error` to what is wrong with the spec in `file`.
void add_error(SpecErrors &errors, const std::string &file, const std::string &error) {
    std::string &all = errors[file];
    all += (all.empty() ? "" : "\n") + error;
}

void check_fields(const FieldCatalog &catalog, const std::vector<PlannedSpec> &specs,
                  Toolchain &tools) {
    for (const PlannedSpec &p : specs) {
        for (size_t id = 0; id < p.plan.fields().size(); ++id) {
            const std::string &field = p.plan.fields()[id];
            const SourceLocation &where = p.plan.field_source(id);
            if (catalog.has(field))
                tools.kinds[field] = value_kind_of(catalog.type_of(field));
            else if (where.file.empty())  // a field labcheck itself asks for
                throw EnvironmentError(unknown_field(catalog, field, where));
            else
                add_error(tools.spec_errors, p.spec->file, unknown_field(catalog, field, where));
        }
        std::vector<const FieldExpectation *> fields;
        for (const auto &f : p.spec->expect.fields) fields.push_back(&f);
        for (const auto &s : p.spec->streams)
            for (const auto &f : s.expect.fields) fields.push_back(&f);
        for (const FieldExpectation *f : fields)
            if (catalog.has(f->field))
                if (auto e = type_mismatch(*f, catalog.type_of(f->field)))
                    add_error(tools.spec_errors, p.spec->file, *e);
    }
}

// tshark's answer to settings and filters: exit status 0 when it accepts
// them. A hang or a crash is no answer (and every further try would take as
// long): an EnvironmentError.
ProcessOutcome try_compile(const TsharkLauncher &launcher, const std::string &empty,
                           const TsharkSettings &settings,
                           const std::vector<std::string> &filters) {
    const ProcessOutcome outcome =
        run_process(launcher.command(compile_arguments(empty, settings, filters)),
                    kPreflightTimeout, [](const std::string &) { return true; });
    if (outcome.timed_out || outcome.signaled) require_answer(outcome, "-Y", launcher);
    return outcome;
}

bool accepted(const ProcessOutcome &o) { return !o.signaled && o.exit_code == 0; }

// Settings shared by several specs are tried once, with all their filters.
SpecErrors check_settings_and_filters(const TsharkLauncher &launcher, const std::string &empty,
                                      const std::vector<PlannedSpec> &specs) {
    SpecErrors errors;
    std::vector<const TsharkSettings *> tried;
    for (const PlannedSpec &p : specs) {
        const TsharkSettings &settings = p.spec->tshark;
        bool seen = false;
        for (const TsharkSettings *t : tried) seen = seen || *t == settings;
        if (seen) continue;
        tried.push_back(&settings);
        std::vector<const Spec *> sharing;
        std::vector<std::string> filters;
        std::vector<SourceLocation> sources;
        for (const PlannedSpec &q : specs) {
            if (!(q.spec->tshark == settings)) continue;
            sharing.push_back(q.spec);
            for (size_t id = 0; id < q.plan.filters().size(); ++id) {
                filters.push_back(q.plan.filters()[id]);
                sources.push_back(q.plan.filter_source(id));
            }
        }
        if (filters.empty() && settings.arguments().empty()) continue;  // nothing to try
        if (accepted(try_compile(launcher, empty, settings, filters))) continue;
        const ProcessOutcome alone = try_compile(launcher, empty, settings, {});
        if (!accepted(alone)) {
            for (const Spec *spec : sharing) {
                const SourceLocation where = spec->tshark.where.file.empty()
                                                 ? SourceLocation{spec->file, 0}
                                                 : spec->tshark.where;
                add_error(errors, spec->file,
                          fmt::format("{}: tshark rejects the settings {}:\n{}", where.str(),
                                      fmt::join(settings.arguments(), " "),
                                      stderr_summary(alone.stderr_text, 2)));
            }
            continue;
        }
        for (size_t i = 0; i < filters.size(); ++i) {
            const ProcessOutcome one = try_compile(launcher, empty, settings, {filters[i]});
            if (!accepted(one))
                add_error(
                    errors, sources[i].file,
                    fmt::format("{}: display filter \"{}\" does not compile:\n{}", sources[i].str(),
                                filters[i], stderr_summary(one.stderr_text)));
        }
    }
    return errors;
}

bool any_filters(const std::vector<PlannedSpec> &specs) {
    for (const PlannedSpec &p : specs)
        if (!p.plan.filters().empty()) return true;
    return false;
}

// The plugin's frames tap (frames_tap.h) evaluates counts and where: filters;
// a plugin older than this labcheck has none, and then tshark refuses the -z.
// What tshark said when it does, or nothing when the tap answers.
std::optional<std::string> frames_tap_missing(const TsharkLauncher &launcher,
                                              const std::string &empty) {
    ProcessOutcome outcome;
    const std::vector<std::string> args = {"-n", "-r", empty,
                                           "-q", "-z", "labproto,frames,0,frame"};
    const std::string out = run_for_output(launcher.command(args), kPreflightTimeout, &outcome);
    if (outcome.timed_out || outcome.signaled)
        require_answer(outcome, "-z labproto,frames", launcher);
    if (outcome.exit_code == 0 &&
        out.find("{\"labproto_frames_total\":[0,0]}") != std::string::npos)
        return std::nullopt;
    return stderr_summary(outcome.stderr_text, 2);
}

}  // namespace

Version tshark_version(const TsharkLauncher &launcher) {
    ProcessOutcome outcome;
    std::string out;
    try {
        out = run_for_output(launcher.command({"--version"}), kPreflightTimeout, &outcome);
    } catch (const SpawnError &e) {
        throw EnvironmentError(std::string(e.what()) +
                               " (install tshark: apt-get install tshark; or pass --tshark PATH)");
    }
    require_answer(outcome, "--version", launcher);
    const auto version = parse_tshark_version(out);
    if (!version)
        throw EnvironmentError(launcher.tshark() +
                               " --version did not say which TShark it is: is it tshark?");
    return *version;
}

LoadedPlugin require_plugin(const TsharkLauncher &launcher, const Log &log) {
    auto plugins = std::async(std::launch::async, [&] { return loaded_plugin(launcher); });
    LoadedPlugin loaded;
    loaded.tshark_version = tshark_version(launcher);
    loaded.abi = fmt::format("{}.{}", loaded.tshark_version.major(), loaded.tshark_version.minor());
    log(fmt::format("tshark {} at {}", loaded.tshark_version.str(), launcher.tshark()));
    log(launcher.description(loaded.abi));
    if (!launcher.no_plugin()) check_plugin_file(launcher, loaded.abi);
    const PluginListing listing = plugins.get();
    if (launcher.no_plugin()) {
        if (listing.labproto)
            throw EnvironmentError(fmt::format(
                "tshark loaded labproto from {} with an empty plugin folder (--no-plugin): a "
                "labproto.so in tshark's system or personal plugin folder; remove it",
                listing.labproto->path));
        log("no labproto plugin loaded, as asked (--no-plugin)");
        return loaded;
    }
    check_plugin(launcher, listing, loaded.tshark_version, loaded.abi);
    loaded.path = listing.labproto->path;
    log(fmt::format("labproto plugin {} loaded from {}", listing.labproto->version, loaded.path));
    return loaded;
}

Toolchain preflight(const TsharkLauncher &launcher, const std::vector<PlannedSpec> &specs,
                    const Sandbox &sandbox, const Log &log) {
    const std::string empty = sandbox.write_file("empty.pcap", empty_pcap());
    // Independent questions, each a tshark start: ask them all at once.
    const auto ask = [](auto question) { return std::async(std::launch::async, question); };
    auto version = ask([&] { return tshark_version(launcher); });
    auto plugins = ask([&] { return loaded_plugin(launcher); });
    auto fields = ask([&] { return field_catalog(launcher, specs); });
    auto compiled = ask([&] { return check_settings_and_filters(launcher, empty, specs); });
    auto tap = ask(
        [&] { return any_filters(specs) ? frames_tap_missing(launcher, empty) : std::nullopt; });

    Toolchain tools;
    tools.tshark_version = version.get();
    tools.abi = fmt::format("{}.{}", tools.tshark_version.major(), tools.tshark_version.minor());
    tools.plugin_shown = launcher.plugin_shown(tools.abi);
    log(fmt::format("tshark {} at {}", tools.tshark_version.str(), launcher.tshark()));
    log(launcher.description(tools.abi));
    check_plugin_file(launcher, tools.abi);
    const PluginListing plugin = plugins.get();
    check_plugin(launcher, plugin, tools.tshark_version, tools.abi);
    tools.plugin_path = plugin.labproto->path;
    tools.plugin_version = Version::parse(plugin.labproto->version);
    log(fmt::format("labproto plugin {} loaded from {}", plugin.labproto->version,
                    plugin.labproto->path));
    if (const auto said = tap.get())
        throw EnvironmentError(fmt::format(
            "the labproto plugin {} has no frames tap (tshark -z labproto,frames), which labcheck "
            "needs for the specs' counts and where: filters: it is older than this labcheck; "
            "rebuild it{}",
            tools.plugin_shown, said->empty() ? "" : ":\n" + *said));
    check_fields(fields.get(), specs, tools);
    for (const auto &[file, error] : compiled.get()) add_error(tools.spec_errors, file, error);
    if (tools.spec_errors.empty())
        log(fmt::format("preflight: {} spec(s), every field known and every filter compiles",
                        specs.size()));
    return tools;
}

}  // namespace labcheck
