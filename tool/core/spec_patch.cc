#include "spec_patch.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <optional>

#include "hex.h"
#include "spec_error.h"
#include "spec_parser.h"
#include "spec_writer.h"
#include "value_kind.h"

namespace labcheck {

namespace {

// The keys --update may change, at the top level and in each stream.
const std::vector<std::string> kBlessedKeys = {"handshake", "teardown", "closed_by", "messages",
                                               "counts",    "fields",   "expert"};

struct Unsupported {};  // YAML this editor does not take apart: write the spec anew

struct Edit {
    size_t begin, end;
    std::string text;
};

bool is_empty(const YAML::Node &n) {
    return !n.IsDefined() || n.IsNull() || ((n.IsSequence() || n.IsMap()) && n.size() == 0);
}

// Equal as a spec means them: 10 and 0x0a, "c8 c8" and "c8c8" for a payload,
// nothing and an empty list.
bool same(const YAML::Node &a, const YAML::Node &b, const std::string &key) {
    if (is_empty(a) && is_empty(b)) return true;
    if (a.Type() != b.Type()) return false;
    if (a.IsScalar()) {
        const std::string &x = a.Scalar(), &y = b.Scalar();
        if (x == y) return true;
        if (key == "payload") return normalize_hex(x) && normalize_hex(x) == normalize_hex(y);
        const auto nx = parse_number(x), ny = parse_number(y);
        return nx && ny && *nx == *ny;
    }
    if (a.size() != b.size()) return false;
    if (a.IsSequence()) {
        for (size_t i = 0; i < a.size(); ++i)
            if (!same(a[i], b[i], key)) return false;
        return true;
    }
    for (auto it = a.begin(); it != a.end(); ++it) {
        const std::string k = it->first.Scalar();
        if (!b[k] || !same(it->second, b[k], k)) return false;
    }
    return true;
}

// A text with YAML nodes parsed from it: where each node ends.
class Source {
  public:
    explicit Source(std::string text) : text_(std::move(text)), root_(YAML::Load(text_)) {}
    const std::string &text() const { return text_; }
    const YAML::Node &root() const { return root_; }

    static size_t begin(const YAML::Node &n) {
        if (!n.IsDefined() || n.IsNull() || n.Mark().pos < 0) throw Unsupported{};
        return static_cast<size_t>(n.Mark().pos);
    }

    // One past the node's last character; `in_flow`: inside [...] or {...}.
    size_t end(const YAML::Node &n, bool in_flow) const {
        const size_t start = begin(n);
        if (start >= text_.size()) throw Unsupported{};
        if (n.IsScalar()) return scalar_end(n, start, in_flow);
        if (n.Style() == YAML::EmitterStyle::Flow) return bracket_end(start);
        if (n.size() == 0) throw Unsupported{};
        // (A Node assigned to is the node it refers to: rebind, never assign.)
        std::optional<YAML::Node> last;
        for (auto it = n.begin(); it != n.end(); ++it) last.emplace(n.IsMap() ? it->second : *it);
        return end(*last, false);
    }

    size_t line_begin(size_t pos) const {
        const size_t nl = text_.rfind('\n', pos == 0 ? 0 : pos - 1);
        return pos == 0 || nl == std::string::npos ? 0 : nl + 1;
    }
    // Past the newline ending the line `pos` is on.
    size_t line_end(size_t pos) const {
        const size_t nl = text_.find('\n', pos);
        return nl == std::string::npos ? text_.size() : nl + 1;
    }
    size_t column(size_t pos) const { return pos - line_begin(pos); }

  private:
    size_t quoted_end(size_t start) const {
        const char quote = text_[start];
        for (size_t i = start + 1; i < text_.size(); ++i) {
            if (quote == '"' && text_[i] == '\\') {
                ++i;
            } else if (text_[i] == quote) {
                if (quote == '\'' && i + 1 < text_.size() && text_[i + 1] == '\'') {
                    ++i;
                    continue;
                }
                return i + 1;
            }
        }
        throw Unsupported{};
    }

    size_t scalar_end(const YAML::Node &n, size_t start, bool in_flow) const {
        const char c = text_[start];
        if (c == '"' || c == '\'') return quoted_end(start);
        if (c == '|' || c == '>') throw Unsupported{};  // block scalars
        size_t i = start;
        for (; i < text_.size(); ++i) {
            const char ch = text_[i];
            if (ch == '\n' || (in_flow && (ch == ',' || ch == ']' || ch == '}'))) break;
            if (ch == '#' && i > start && std::isspace(static_cast<unsigned char>(text_[i - 1])))
                break;
        }
        while (i > start && std::isspace(static_cast<unsigned char>(text_[i - 1]))) --i;
        if (text_.compare(start, i - start, n.Scalar()) != 0) throw Unsupported{};  // multi-line
        return i;
    }

    size_t bracket_end(size_t start) const {
        int depth = 0;
        for (size_t i = start; i < text_.size(); ++i) {
            const char ch = text_[i];
            if (ch == '"' || ch == '\'') {
                i = quoted_end(i) - 1;
            } else if (ch == '[' || ch == '{') {
                ++depth;
            } else if (ch == ']' || ch == '}') {
                if (--depth == 0) return i + 1;
            }
        }
        throw Unsupported{};
    }

    std::string text_;
    YAML::Node root_;
};

class Patcher {
  public:
    Patcher(const Source &old, const Source &now) : old_(old), now_(now) {}

    // The top level, and each stream by position, only in the blessed keys.
    void diff_spec() {
        diff_map(old_.root(), now_.root(), &kBlessedKeys);
        const YAML::Node a = old_.root()["streams"], b = now_.root()["streams"];
        if (!a || !b || !a.IsSequence() || !b.IsSequence() || a.size() != b.size()) return;
        for (size_t i = 0; i < a.size(); ++i) diff_map(a[i], b[i], &kBlessedKeys);
    }

    std::string apply() const {
        std::vector<Edit> edits = edits_;
        std::sort(edits.begin(), edits.end(),
                  [](const Edit &x, const Edit &y) { return x.begin > y.begin; });
        std::string out = old_.text();
        size_t limit = out.size();
        for (const Edit &e : edits) {
            if (e.end > limit || e.begin > e.end) throw Unsupported{};  // overlapping edits
            out.replace(e.begin, e.end - e.begin, e.text);
            limit = e.begin;
        }
        return out;
    }

  private:
    // The new node as the writer wrote it, or in flow style when it wrote a block.
    std::string written(const YAML::Node &n) const {
        if (n.IsScalar() || n.Style() == YAML::EmitterStyle::Flow) {
            const size_t b = Source::begin(n);
            return now_.text().substr(b, now_.end(n, true) - b);
        }
        YAML::Emitter e;
        e.SetMapFormat(YAML::Flow);
        e.SetSeqFormat(YAML::Flow);
        e << n;
        return e.c_str();
    }

    void replace(const YAML::Node &old, const YAML::Node &now, bool in_flow) {
        const size_t b = Source::begin(old);
        edits_.push_back({b, old_.end(old, in_flow), written(now)});
    }

    void diff(const YAML::Node &old, const YAML::Node &now, const std::string &key, bool in_flow) {
        if (same(old, now, key)) return;
        if (old.IsMap() && now.IsMap() && old.Style() != YAML::EmitterStyle::Flow)
            return diff_map(old, now, nullptr);
        if (old.IsSequence() && now.IsSequence()) return diff_seq(old, now, key, in_flow);
        if (old.IsMap() && now.IsMap()) {
            // A flow mapping: its own values where only they changed, else anew.
            bool same_keys = old.size() == now.size();
            for (auto it = old.begin(); same_keys && it != old.end(); ++it)
                same_keys = static_cast<bool>(now[it->first.Scalar()]);
            if (!same_keys) return replace(old, now, in_flow);
            for (auto it = old.begin(); it != old.end(); ++it)
                diff(it->second, now[it->first.Scalar()], it->first.Scalar(), true);
            return;
        }
        replace(old, now, in_flow);
    }

    // A block mapping: changed values in place, removed keys' lines dropped,
    // new keys appended at its indentation. `only`: the keys to look at.
    void diff_map(const YAML::Node &old, const YAML::Node &now,
                  const std::vector<std::string> *only) {
        if (!old.IsMap() || !now.IsMap()) throw Unsupported{};
        const auto wanted = [&](const std::string &k) {
            return !only || std::find(only->begin(), only->end(), k) != only->end();
        };
        std::optional<size_t> indent, last_end;
        for (auto it = old.begin(); it != old.end(); ++it) {
            const std::string k = it->first.Scalar();
            const size_t key_at = Source::begin(it->first);
            if (!indent) indent = old_.column(key_at);
            if (!is_empty(it->second)) last_end = old_.end(it->second, false);
            if (!wanted(k)) continue;
            const YAML::Node value = now[k];
            if (value) {
                diff(it->second, value, k, false);
            } else if (!is_empty(it->second) && it->second.Scalar() != "false") {
                const size_t b = old_.line_begin(key_at);
                edits_.push_back({b, old_.line_end(old_.end(it->second, false)), ""});
            }
        }
        std::string added;
        for (auto it = now.begin(); it != now.end(); ++it) {
            const std::string k = it->first.Scalar();
            if (wanted(k) && !old[k])
                added +=
                    std::string(indent.value_or(0), ' ') + k + ": " + written(it->second) + "\n";
        }
        if (added.empty()) return;
        const size_t at = last_end ? old_.line_end(*last_end) : old_.text().size();
        const bool needs_newline = at > 0 && old_.text()[at - 1] != '\n';
        edits_.push_back({at, at, (needs_newline ? "\n" : "") + added});
    }

    // Items aligned as a diff aligns lines (longest common subsequence of
    // equal items); between the kept ones, changed items are edited in
    // place, removed ones dropped, new ones inserted.
    void diff_seq(const YAML::Node &old, const YAML::Node &now, const std::string &key,
                  bool in_flow) {
        const size_t n = old.size(), m = now.size();
        const bool flow = old.Style() == YAML::EmitterStyle::Flow;
        if (flow && n == 0) return replace(old, now, in_flow);
        std::vector<std::vector<size_t>> lcs(n + 1, std::vector<size_t>(m + 1, 0));
        for (size_t i = n; i-- > 0;)
            for (size_t j = m; j-- > 0;)
                lcs[i][j] = same(old[i], now[j], key) ? lcs[i + 1][j + 1] + 1
                                                      : std::max(lcs[i + 1][j], lcs[i][j + 1]);
        size_t i = 0, j = 0;
        std::optional<size_t> previous;  // the last old item kept or edited
        while (i < n || j < m) {
            if (i < n && j < m && same(old[i], now[j], key)) {
                previous = i++;
                ++j;
            } else if (i < n && j < m && lcs[i + 1][j + 1] == lcs[i][j]) {
                diff(old[i], now[j], key, flow);  // a changed item, in place
                previous = i++;
                ++j;
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                remove_item(old, i++, flow);
            } else {
                insert_item(old, previous, now[j++], flow);
            }
        }
    }

    void remove_item(const YAML::Node &seq, size_t i, bool flow) {
        const YAML::Node item = seq[i];
        const size_t b = Source::begin(item), e = old_.end(item, flow);
        if (!flow) {
            const size_t line = old_.line_begin(b);
            if (old_.text().find('-', line) >= b) throw Unsupported{};
            edits_.push_back({line, old_.line_end(e), ""});
        } else if (i + 1 < seq.size()) {
            edits_.push_back({b, Source::begin(seq[i + 1]), ""});
        } else if (i > 0) {
            edits_.push_back({old_.end(seq[i - 1], true), e, ""});
        } else {
            edits_.push_back({b, e, ""});
        }
    }

    void insert_item(const YAML::Node &seq, std::optional<size_t> after, const YAML::Node &item,
                     bool flow) {
        if (flow) {
            if (after)
                edits_.push_back({old_.end(seq[*after], true), old_.end(seq[*after], true),
                                  ", " + written(item)});
            else
                edits_.push_back(
                    {Source::begin(seq[0]), Source::begin(seq[0]), written(item) + ", "});
            return;
        }
        const size_t first = Source::begin(seq[0]);
        const std::string dash =
            old_.text().substr(old_.line_begin(first), first - old_.line_begin(first));
        const size_t at =
            after ? old_.line_end(old_.end(seq[*after], false)) : old_.line_begin(first);
        edits_.push_back({at, at, dash + written(item) + "\n"});
    }

    const Source &old_, &now_;
    std::vector<Edit> edits_;
};

}  // namespace

std::string patch_spec(const Spec &original, const Spec &blessed) {
    const std::string anew = write_spec(blessed);
    if (original.text.empty()) return anew;
    try {
        const Source old(original.text), now(anew);
        Patcher patcher(old, now);
        patcher.diff_spec();
        std::string patched = patcher.apply();
        // The edit must say exactly what the blessed spec says.
        if (write_spec(parse_spec(patched, original.file)) == anew) return patched;
    } catch (const Unsupported &) {
    } catch (const YAML::Exception &) {
    } catch (const SpecError &) {
    }
    return anew;
}

}  // namespace labcheck
