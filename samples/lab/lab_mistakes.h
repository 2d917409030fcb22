// The mistakes students make in the lab client, as options of lab_client, so
// that a class of submissions can be recorded on real TCP: what goes into the
// body (a NUL terminator, a padded buffer, fgets' newline, CRLF), how the
// length is written (counted in characters, as ASCII digits), and when the
// client connects and closes (pauses, retrying a refused connection).
#pragma once

#include <getopt.h>

#include <string>
#include <vector>

#include "lab_common.h"

namespace lab {

// Enumerators in the order of --mistake's choices.
enum class Mistake {
    kNone,
    kNulTerminator,  // send(buf, strlen(buf) + 1): the C string's terminator too
    kPaddedBuffer,   // send(buf, sizeof buf): the text and NULs up to 512 bytes
    kFgetsNewline,   // the line as fgets() read it, '\n' kept
    kCrlf,           // lines ended with "\r\n"
    kLengthInChars,  // the length field counts characters, not bytes
    kAsciiLength,    // the length written as four ASCII digits ("0015")
};

struct Mistakes {
    Mistake mistake = Mistake::kNone;
    double pause_after_connect = 0;  // seconds, before the first message
    double pause_before_close = 0;   // seconds, after the last one
    bool retry_refused = false;      // connect again (a new socket) while refused
};

// getopt_long ids; lab_client's own are below, the common ones from 1000.
enum MistakeOption {
    kOptMistake = 900,
    kOptPauseAfterConnect,
    kOptPauseBeforeClose,
    kOptRetryRefused
};

// Adds the options above to a getopt_long table (before its terminator).
void add_mistake_options(std::vector<option> &table);
// Applies one of them; false if `id` is not one.
bool parse_mistake_option(int id, const char *arg, Mistakes &mistakes);
const char *mistakes_usage();

// The body as the student's client sends it (`body` in the wire encoding).
std::string body_with_mistake(const std::string &body, const Mistakes &mistakes);
// The 4-byte header the student's client sends before `body`.
std::string header_for(const std::string &body, const WireOptions &wire, const Mistakes &mistakes);
// After failed connect() number `attempt` (from 1): true to try again, after
// a pause (refused while retrying, for at most 20 s).
bool retry_connect(int error, int attempt, const Mistakes &mistakes);
void pause_seconds(double seconds);

}  // namespace lab
