#include "subprocess.h"

#include <fcntl.h>
#include <gio/gio.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <thread>

#include "interrupts.h"

namespace labcheck {

namespace {

constexpr size_t kStderrKept = 64 * 1024;

template <typename T>
using GPtr = std::unique_ptr<T, void (*)(gpointer)>;

template <typename T>
GPtr<T> owned(T *p) {
    return GPtr<T>(p, g_object_unref);
}

std::vector<char *> null_terminated(const std::vector<std::string> &items) {
    std::vector<char *> out;
    for (const std::string &s : items) out.push_back(const_cast<char *>(s.c_str()));
    out.push_back(nullptr);
    return out;
}

// An unlinked temporary file: one descriptor for the child, one to read back.
struct StderrFile {
    int child_fd = -1, read_fd = -1;

    StderrFile() {
        char path[] = "/tmp/labcheck-stderr-XXXXXX";
        child_fd = g_mkstemp(path);
        if (child_fd < 0) throw SpawnError("cannot create a temporary file for tshark's stderr");
        unlink(path);
        read_fd = dup(child_fd);
    }
    ~StderrFile() {
        if (read_fd >= 0) close(read_fd);
    }
    std::string read() const {
        std::string text(kStderrKept, '\0');
        const ssize_t n = pread(read_fd, text.data(), text.size(), 0);
        text.resize(n > 0 ? static_cast<size_t>(n) : 0);
        return text;
    }
};

// The whole process group: a wrapper script's own children die with it.
void kill_group(pid_t group) { kill(-group, SIGKILL); }

// Kills the child's process group if it is still running when the time is up.
class Watchdog {
  public:
    Watchdog(pid_t group, int seconds) : group_(group) {
        if (seconds > 0) thread_ = std::thread([this, seconds] { watch(seconds); });
    }
    ~Watchdog() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            done_ = true;
        }
        wake_.notify_all();
        if (thread_.joinable()) thread_.join();
    }
    bool fired() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return fired_;
    }

  private:
    void watch(int seconds) {
        std::unique_lock<std::mutex> lock(mutex_);
        if (!wake_.wait_for(lock, std::chrono::seconds(seconds), [this] { return done_; })) {
            fired_ = true;
            kill_group(group_);
        }
    }

    pid_t group_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool done_ = false, fired_ = false;
    std::thread thread_;
};

// Splits the stream into lines as it arrives (GDataInputStream's read_line is
// several times slower on tshark's 18 MB field list). False when `on_line` stopped.
bool read_lines(GInputStream *stream, const std::function<bool(const std::string &)> &on_line) {
    std::vector<char> chunk(1 << 16);
    std::string pending, line;
    gssize n;
    while ((n = g_input_stream_read(stream, chunk.data(), chunk.size(), nullptr, nullptr)) > 0) {
        const char *p = chunk.data(), *end = p + n;
        while (const char *newline = static_cast<const char *>(std::memchr(p, '\n', end - p))) {
            line.assign(pending).append(p, newline);
            pending.clear();
            p = newline + 1;
            if (!on_line(line)) return false;
        }
        pending.append(p, end);
    }
    return pending.empty() || on_line(pending);
}

}  // namespace

ProcessOutcome run_process(const Command &command, int timeout_seconds,
                           const std::function<bool(const std::string &)> &on_line) {
    StderrFile err_file;
    auto launcher = owned(g_subprocess_launcher_new(G_SUBPROCESS_FLAGS_STDOUT_PIPE));
    auto env = null_terminated(command.env);
    g_subprocess_launcher_set_environ(launcher.get(), env.data());
    g_subprocess_launcher_take_stderr_fd(launcher.get(), err_file.child_fd);
    if (!command.cwd.empty()) g_subprocess_launcher_set_cwd(launcher.get(), command.cwd.c_str());
    // Its own process group, which a timeout or a signal to labcheck kills whole.
    g_subprocess_launcher_set_child_setup(
        launcher.get(), [](gpointer) { interrupts::prepare_child(); }, nullptr, nullptr);
    auto argv = null_terminated(command.argv);
    GError *error = nullptr;
    GSubprocess *raw = nullptr;
    pid_t group = 0;
    {
        std::lock_guard<std::mutex> lock(interrupts::spawning());
        raw = g_subprocess_launcher_spawnv(launcher.get(), argv.data(), &error);
        if (raw) {
            group = static_cast<pid_t>(std::atol(g_subprocess_get_identifier(raw)));
            interrupts::add_group(group);
        }
    }
    if (!raw) {
        const std::string why = error ? error->message : "unknown error";
        g_clear_error(&error);
        throw SpawnError("cannot run " + command.argv[0] + ": " + why);
    }
    auto process = owned(raw);
    ProcessOutcome outcome;
    {
        Watchdog watchdog(group, timeout_seconds);
        if (!read_lines(g_subprocess_get_stdout_pipe(process.get()), on_line)) kill_group(group);
        g_subprocess_wait(process.get(), nullptr, nullptr);
        outcome.timed_out = watchdog.fired();
    }
    kill_group(group);  // whatever the child left behind in its group
    interrupts::remove_group(group);
    outcome.signaled = g_subprocess_get_if_signaled(process.get());
    if (outcome.signaled)
        outcome.signal = g_subprocess_get_term_sig(process.get());
    else
        outcome.exit_code = g_subprocess_get_exit_status(process.get());
    outcome.stderr_text = err_file.read();
    return outcome;
}

std::string run_for_output(const Command &command, int timeout_seconds, ProcessOutcome *outcome) {
    std::string out;
    *outcome = run_process(command, timeout_seconds, [&](const std::string &line) {
        out += line;
        out += '\n';
        return true;
    });
    return out;
}

}  // namespace labcheck
