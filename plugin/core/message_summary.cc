#include "message_summary.h"

#include "visible_text.h"

namespace labproto {

std::string text_preview(const std::string &utf8, size_t max_chars) {
    bool rest = false;
    std::string out = visible_text(utf8, max_chars, &rest);
    if (rest) {
        while (!out.empty() && out.back() == ' ') out.pop_back();
        out += "\u2026";
    }
    return out;
}

std::string message_line(uint32_t index, uint32_t length, const std::string *text,
                         const char *note) {
    std::string out = "#" + std::to_string(index) + " len=" + std::to_string(length);
    if (text && !text->empty()) out += " \"" + *text + "\"";
    if (note) out += std::string(" [") + note + "]";
    return out;
}

std::string message_preview_line(uint32_t index, uint32_t length, const std::string *text,
                                 const char *note) {
    const std::string preview = text ? text_preview(*text) : std::string();
    return message_line(index, length, text ? &preview : nullptr, note);
}

std::string message_summary(Direction direction, uint32_t index, uint32_t length,
                            const std::string *text, const char *note) {
    return std::string(direction_arrow(direction)) + " " +
           message_preview_line(index, length, text, note);
}

}  // namespace labproto
