#include "subprocess.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <thread>

#include "interrupts.h"

namespace labcheck {

namespace {

constexpr size_t kStderrKept = 64 * 1024;

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
        close_child_end();
        if (read_fd >= 0) close(read_fd);
    }
    // The child has its own copy once it is spawned.
    void close_child_end() {
        if (child_fd >= 0) close(child_fd);
        child_fd = -1;
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

ssize_t read_some(int fd, char *buffer, size_t size) {
    ssize_t n;
    while ((n = read(fd, buffer, size)) < 0 && errno == EINTR) {
    }
    return n;
}

// Splits the stream into lines as it arrives (GDataInputStream's read_line is
// several times slower on tshark's 18 MB field list). False when `on_line` stopped.
bool read_lines(int fd, const std::function<bool(const std::string &)> &on_line) {
    std::vector<char> chunk(1 << 16);
    std::string pending, line;
    ssize_t n;
    while ((n = read_some(fd, chunk.data(), chunk.size())) > 0) {
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
    auto argv = null_terminated(command.argv);
    auto env = null_terminated(command.env);
    // Not reaped by GLib: until waitpid below the pid is ours and cannot be
    // reused, so the group it leads is killed safely. (GSubprocess reaps on its
    // own thread and may forget a child that died at once -- a tshark that
    // crashed on start -- before its pid was read.)
    const auto flags = static_cast<GSpawnFlags>(G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD);
    GError *error = nullptr;
    GPid pid = 0;
    int stdout_fd = -1;
    bool spawned = false;
    {
        std::lock_guard<std::mutex> lock(interrupts::spawning());
        spawned = g_spawn_async_with_pipes_and_fds(
            command.cwd.empty() ? nullptr : command.cwd.c_str(), argv.data(), env.data(), flags,
            // Its own process group, which a timeout or a signal to labcheck kills whole.
            [](gpointer) { interrupts::prepare_child(); }, nullptr, -1, -1, err_file.child_fd,
            nullptr, nullptr, 0, &pid, nullptr, &stdout_fd, nullptr, &error);
        if (spawned) interrupts::add_group(pid);
    }
    err_file.close_child_end();
    if (!spawned) {
        const std::string why = error ? error->message : "unknown error";
        g_clear_error(&error);
        throw SpawnError("cannot run " + command.argv[0] + ": " + why);
    }
    int status = 0;
    ProcessOutcome outcome;
    {
        Watchdog watchdog(pid, timeout_seconds);
        if (!read_lines(stdout_fd, on_line)) kill_group(pid);
        close(stdout_fd);
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        outcome.timed_out = watchdog.fired();
    }
    kill_group(pid);  // whatever the child left behind in its group
    interrupts::remove_group(pid);
    outcome.signaled = WIFSIGNALED(status);
    if (outcome.signaled)
        outcome.signal = WTERMSIG(status);
    else
        outcome.exit_code = WEXITSTATUS(status);
    outcome.stderr_text = err_file.read();
    return outcome;
}

ProcessOutcome run_attached(const Command &command) {
    auto argv = null_terminated(command.argv);
    auto env = null_terminated(command.env);
    const auto flags = static_cast<GSpawnFlags>(G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD |
                                                G_SPAWN_CHILD_INHERITS_STDIN);
    GError *error = nullptr;
    GPid pid = 0;
    bool spawned = false;
    {
        std::lock_guard<std::mutex> lock(interrupts::spawning());
        // No descriptors given and no pipes asked for: the child has labcheck's.
        spawned = g_spawn_async_with_pipes_and_fds(
            command.cwd.empty() ? nullptr : command.cwd.c_str(), argv.data(), env.data(), flags,
            [](gpointer) { interrupts::prepare_child(); }, nullptr, -1, -1, -1, nullptr, nullptr, 0,
            &pid, nullptr, nullptr, nullptr, &error);
        if (spawned) {
            interrupts::add_group(pid);
            interrupts::forward_to(pid);
        }
    }
    if (!spawned) {
        const std::string why = error ? error->message : "unknown error";
        g_clear_error(&error);
        throw SpawnError("cannot run " + command.argv[0] + ": " + why);
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    {
        std::lock_guard<std::mutex> lock(interrupts::spawning());
        interrupts::forward_to(0);
    }
    kill_group(pid);  // whatever the child left behind in its group
    interrupts::remove_group(pid);
    ProcessOutcome outcome;
    outcome.signaled = WIFSIGNALED(status);
    if (outcome.signaled)
        outcome.signal = WTERMSIG(status);
    else
        outcome.exit_code = WEXITSTATUS(status);
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
