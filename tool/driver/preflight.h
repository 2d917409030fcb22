// Checks, once per run and before any capture, that the environment can
// answer the specs: tshark runs (and its version), the plugin really loaded
// (tshark is silent when it cannot load one), every field exists, every
// filter compiles and every tshark setting is accepted.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "field_plan.h"
#include "scope_checker.h"
#include "spec.h"
#include "tshark_launcher.h"
#include "version.h"

namespace labcheck {

// The environment cannot run the checks: exit 2 with this message.
class EnvironmentError : public std::runtime_error {
    using std::runtime_error::runtime_error;
};

// A spec with the fields and filters its checks will ask tshark for.
struct PlannedSpec {
    const Spec *spec;
    FieldPlan plan;
};

// What is wrong with specs, by spec file: the fields they name that tshark
// lacks, the filters and settings it rejects. Each message has its file:line.
using SpecErrors = std::map<std::string, std::string>;

struct Toolchain {
    Version tshark_version;
    std::string abi;           // "4.0": the plugin folder tshark loads from
    std::string plugin_shown;  // the plugin as the user named it, for reports
    std::optional<Version> plugin_version;
    std::string plugin_path;  // as tshark listed it
    FieldKinds kinds;         // of every planned field
    SpecErrors spec_errors;   // specs whose captures cannot be checked
};

using Log = std::function<void(const std::string &)>;

// `tshark --version`; throws EnvironmentError when tshark cannot run.
Version tshark_version(const TsharkLauncher &launcher);

// What `labcheck tshark` proves before it hands tshark over: tshark runs and
// lists exactly the plugin asked for -- or, for a launcher without_plugin(),
// no labproto at all. Throws EnvironmentError saying what is wrong.
struct LoadedPlugin {
    Version tshark_version;
    std::string abi;
    std::string path;  // as tshark listed it; "" without a plugin
};
LoadedPlugin require_plugin(const TsharkLauncher &launcher, const Log &log);

// Throws EnvironmentError, with every problem found and how to fix it, when
// nothing can be checked; problems of single specs are in spec_errors.
Toolchain preflight(const TsharkLauncher &launcher, const std::vector<PlannedSpec> &specs,
                    const Sandbox &sandbox, const Log &log);

}  // namespace labcheck
