// A compiled regular expression (GLib's PCRE, the dialect of Wireshark's
// "matches"), shareable between threads: GRegex is immutable once built.
#pragma once

#include <memory>
#include <optional>
#include <string>

typedef struct _GRegex GRegex;

namespace labcheck {

class Regex {
  public:
    // Returns nullopt and sets `error` when the pattern does not compile.
    static std::optional<Regex> compile(const std::string &pattern, std::string *error);

    // Whether the pattern matches anywhere in `text` (use ^...$ to anchor).
    bool search(const std::string &text) const;
    const std::string &pattern() const { return pattern_; }

    // Quotes `text` so that it matches itself literally.
    static std::string escape(const std::string &text);

  private:
    std::shared_ptr<GRegex> re_;
    std::string pattern_;
};

}  // namespace labcheck
