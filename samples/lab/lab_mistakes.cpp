#include "lab_mistakes.h"

#include <glib.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>

namespace lab {

namespace {

constexpr size_t kLabBuffer = 512;  // the lab server's receive buffer, char buf[512]

}  // namespace

void add_mistake_options(std::vector<option> &table) {
    const option mine[] = {
        {"mistake", required_argument, nullptr, kOptMistake},
        {"pause-after-connect", required_argument, nullptr, kOptPauseAfterConnect},
        {"pause-before-close", required_argument, nullptr, kOptPauseBeforeClose},
        {"retry-refused", no_argument, nullptr, kOptRetryRefused},
    };
    table.insert(table.end() - 1, std::begin(mine), std::end(mine));  // before the terminator
}

bool parse_mistake_option(int id, const char *arg, Mistakes &mistakes) {
    switch (id) {
        case kOptMistake:
            mistakes.mistake = static_cast<Mistake>(
                parse_choice(arg,
                             {"none", "nul-terminator", "padded-buffer", "fgets-newline", "crlf",
                              "length-in-chars", "ascii-length"},
                             "--mistake"));
            return true;
        case kOptPauseAfterConnect:
            mistakes.pause_after_connect =
                static_cast<double>(parse_number(arg, 0, 60000, "--pause-after-connect")) / 1000;
            return true;
        case kOptPauseBeforeClose:
            mistakes.pause_before_close =
                static_cast<double>(parse_number(arg, 0, 60000, "--pause-before-close")) / 1000;
            return true;
        case kOptRetryRefused:
            mistakes.retry_refused = true;
            return true;
        default:
            return false;
    }
}

const char *mistakes_usage() {
    return "  --mistake NAME         send as a student's buggy client would: nul-terminator,\n"
           "                         padded-buffer (512 bytes), fgets-newline, crlf,\n"
           "                         length-in-chars, ascii-length (\"0015\"); none (default)\n"
           "  --pause-after-connect MS  wait MS milliseconds before the first message\n"
           "  --pause-before-close MS   wait MS milliseconds after the last message\n"
           "  --retry-refused        while the connection is refused, connect again (new socket)\n";
}

std::string body_with_mistake(const std::string &body, const Mistakes &mistakes) {
    switch (mistakes.mistake) {
        case Mistake::kNulTerminator:
            return body + std::string(1, '\0');
        case Mistake::kPaddedBuffer:
            return body.size() >= kLabBuffer ? body
                                             : body + std::string(kLabBuffer - body.size(), '\0');
        case Mistake::kFgetsNewline:
            return body + "\n";
        case Mistake::kCrlf:
            return body + "\r\n";
        default:
            return body;
    }
}

std::string header_for(const std::string &body, const WireOptions &wire, const Mistakes &mistakes) {
    if (mistakes.mistake == Mistake::kLengthInChars) {
        const std::string text = to_utf8(body, wire);
        return encode_header(static_cast<uint32_t>(g_utf8_strlen(text.c_str(), -1)), wire.order);
    }
    if (mistakes.mistake == Mistake::kAsciiLength) {
        char digits[8];
        std::snprintf(digits, sizeof digits, "%04zu", body.size() % 10000);
        return std::string(digits, 4);
    }
    return encode_header(static_cast<uint32_t>(body.size()), wire.order);
}

bool retry_connect(int error, int attempt, const Mistakes &mistakes) {
    if (!mistakes.retry_refused || error != ECONNREFUSED || attempt >= 100) return false;
    pause_seconds(0.2);
    return true;
}

void pause_seconds(double seconds) {
    if (seconds > 0) std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
}

}  // namespace lab
