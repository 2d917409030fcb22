// SIGINT and SIGTERM: labcheck stops every program it started (each one's
// whole process group, so a wrapper's children too) and removes its staging
// folders, then dies of the signal as a program interrupted should.
#pragma once

#include <sys/types.h>

#include <mutex>
#include <string>

namespace labcheck::interrupts {

// Once, in main, before any other thread starts: blocks both signals in
// every thread and starts the one that waits for them.
void install();

// Held while a child is started and registered, so that a signal cannot
// arrive between the two and leave the child running.
std::mutex &spawning();
// Process groups to kill (the child's pid; each child leads its own group).
// `add_group` must be called with spawning() held.
void add_group(pid_t group);
void remove_group(pid_t group);
// Folders to remove.
void add_folder(const std::string &path);
void remove_folder(const std::string &path);

// While a program runs in labcheck's place (`labcheck tshark`), SIGINT and
// SIGTERM are passed on to its process group, and labcheck waits for it to
// end as a wrapper script would, instead of killing it and dying. 0: no
// such program. Call with spawning() held.
void forward_to(pid_t group);

// In a child, between fork and exec: its own process group, and the signals
// the parent blocks unblocked again.
void prepare_child();

}  // namespace labcheck::interrupts
