#include "interrupts.h"

#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <set>
#include <thread>

namespace labcheck::interrupts {

namespace {

struct Registry {
    std::mutex mutex;  // guards the sets
    std::set<pid_t> groups;
    std::set<std::string> folders;
    pid_t forwarded = 0;  // forward_to's group
};

Registry &registry() {
    static Registry r;  // never destroyed before the process ends
    return r;
}

sigset_t watched() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    return set;
}

// Whether the signal went on to the program labcheck runs in its place.
bool pass_on(int sig) {
    std::lock_guard<std::mutex> spawn(spawning());
    Registry &r = registry();
    std::lock_guard<std::mutex> lock(r.mutex);
    if (r.forwarded == 0) return false;
    kill(-r.forwarded, sig);
    return true;
}

[[noreturn]] void on_signal(int sig) {
    {
        // Held to the end: no new child starts, none is left behind.
        std::lock_guard<std::mutex> spawn(spawning());
        Registry &r = registry();
        std::lock_guard<std::mutex> lock(r.mutex);
        for (pid_t group : r.groups) kill(-group, SIGKILL);
        std::error_code ec;
        for (const std::string &folder : r.folders) std::filesystem::remove_all(folder, ec);
        std::fprintf(stderr, "labcheck: %s: stopped tshark and removed the staging folder\n",
                     sig == SIGINT ? "interrupted (SIGINT)" : "terminated (SIGTERM)");
        std::fflush(stderr);
        // Die of the signal itself, so the caller sees what happened.
        signal(sig, SIG_DFL);
        const sigset_t set = watched();
        pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
        raise(sig);
    }
    _exit(128 + sig);
}

}  // namespace

void install() {
    const sigset_t set = watched();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    std::thread([set] {
        for (;;) {
            int sig = 0;
            if (sigwait(&set, &sig) == 0 && !pass_on(sig)) on_signal(sig);
        }
    }).detach();
}

std::mutex &spawning() {
    static std::mutex m;
    return m;
}

void add_group(pid_t group) {
    Registry &r = registry();
    std::lock_guard<std::mutex> lock(r.mutex);
    r.groups.insert(group);
}

void remove_group(pid_t group) {
    Registry &r = registry();
    std::lock_guard<std::mutex> lock(r.mutex);
    r.groups.erase(group);
}

void add_folder(const std::string &path) {
    Registry &r = registry();
    std::lock_guard<std::mutex> lock(r.mutex);
    r.folders.insert(path);
}

void remove_folder(const std::string &path) {
    Registry &r = registry();
    std::lock_guard<std::mutex> lock(r.mutex);
    r.folders.erase(path);
}

void forward_to(pid_t group) {
    Registry &r = registry();
    std::lock_guard<std::mutex> lock(r.mutex);
    r.forwarded = group;
}

void prepare_child() {
    setpgid(0, 0);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
}

}  // namespace labcheck::interrupts
