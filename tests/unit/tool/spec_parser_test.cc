// Spec parsing: a full spec reads into the model; every kind of mistake is
// rejected with the line it is on.
#include "spec_parser.h"

#include <gtest/gtest.h>

#include <cctype>
#include <ostream>

#include "spec_error.h"
#include "yaml_reader.h"

namespace labcheck {
namespace {

const char *kFullSpec = R"(# Reference run
description: CP949 lab
requires:
  tshark: "4.0"
  plugin: 0.1.0
tshark:
  preferences:
    labproto.encoding: cp949
    labproto.tcp.port: 9000
  decode_as: tcp.port==9230,labproto
  heuristics: [labproto_tcp]
  two_pass: true
handshake: complete
teardown: half-closed
closed_by: server
messages:
  client:
    - {length: 10, text: 안녕하세요}
    - {text_regex: "^반가", frame: 10}
    - payload: "c8 c8:C8"
  server: []
  allow_more: true
counts:
  - {filter: "tcp.flags.syn == 1", exactly: 2}
  - {filter: labproto, at_least: 1, at_most: 9}
fields:
  - {field: labproto.len, frame: 6, equals: 10}
  - {field: labproto.text, client_message: 3, regex: "이야기"}
  - {field: tcp.len, where: labproto, range: [4, 100]}
  - {field: labproto.len, equals: [10, 8]}
  - {field: labproto.unframed, absent: true}
expert:
  max_severity: warning
  required: [labproto.handshake.complete]
  forbidden: [labproto.len.too_large]
streams:
  - stream: 1
    name: second
    handshake: missing
)";

TEST(SpecParser, ReadsEveryPart) {
    const Spec s = parse_spec(kFullSpec, "lab.yaml");
    EXPECT_EQ(s.description, "CP949 lab");
    EXPECT_EQ(s.header_comment, "# Reference run\n");
    EXPECT_EQ(s.requirements.tshark->value.str(), "4.0");
    EXPECT_EQ(s.requirements.plugin->where.line, 5);
    EXPECT_EQ(s.tshark.arguments(),
              (std::vector<std::string>{"-2", "-o", "labproto.encoding:cp949", "-o",
                                        "labproto.tcp.port:9000", "-d", "tcp.port==9230,labproto",
                                        "--enable-heuristic", "labproto_tcp"}));
    EXPECT_EQ(s.expect.handshake->value, HandshakeState::kComplete);
    EXPECT_EQ(s.expect.teardown->value, TeardownState::kHalfClosed);
    EXPECT_EQ(s.expect.closed_by->value, Closer::kServer);
    const auto &client = *s.expect.messages[0];
    ASSERT_EQ(client.messages.size(), 3u);
    EXPECT_EQ(client.messages[0].text, "안녕하세요");
    EXPECT_EQ(client.messages[1].where.line, 19);
    EXPECT_EQ(client.messages[1].frame, 10u);
    EXPECT_EQ(client.messages[2].payload, "c8c8c8");
    EXPECT_TRUE(client.allow_more);
    EXPECT_TRUE(s.expect.messages[1]->messages.empty());
    EXPECT_EQ(s.expect.counts[1].at_most, 9u);
    ASSERT_EQ(s.expect.fields.size(), 5u);
    EXPECT_EQ(s.expect.fields[1].selector.kind, FieldSelector::Kind::kMessage);
    EXPECT_EQ(s.expect.fields[1].selector.message_index, 3u);
    EXPECT_EQ(s.expect.fields[2].selector.filter, "labproto");
    EXPECT_EQ(s.expect.fields[2].matcher.kind(), ValueMatcher::Kind::kRange);
    EXPECT_EQ(s.expect.fields[3].matcher.kind(), ValueMatcher::Kind::kEqualsList);
    EXPECT_EQ(s.expect.fields[4].matcher.kind(), ValueMatcher::Kind::kAbsent);
    EXPECT_EQ(s.expect.expert->max_severity->value, Severity::kWarning);
    ASSERT_EQ(s.streams.size(), 1u);
    EXPECT_EQ(s.streams[0].label(), "stream 1 (second)");
    EXPECT_EQ(s.streams[0].expect.handshake->value, HandshakeState::kMissing);
}

struct BadSpec {
    const char *yaml;
    const char *error;  // the whole message, "file:line: ..."
};

// Names the case by its message (ctest lists it so): "L3_messages_client_1__length_must".
void PrintTo(const BadSpec &bad, std::ostream *out) {
    const std::string error = bad.error;
    const size_t colon = error.find(':');
    std::string name = "L" + error.substr(colon + 1, error.find(':', colon + 1) - colon - 1);
    for (char c : error.substr(error.find(": ") + 2, 32))
        name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    *out << name;
}

class SpecErrors : public ::testing::TestWithParam<BadSpec> {};

TEST_P(SpecErrors, NamesTheLine) {
    try {
        parse_spec(GetParam().yaml, "x.yaml");
        FAIL() << "accepted:\n" << GetParam().yaml;
    } catch (const SpecError &e) {
        EXPECT_EQ(std::string(e.what()), GetParam().error);
    }
}

INSTANTIATE_TEST_SUITE_P(
    Mistakes, SpecErrors,
    ::testing::Values(
        BadSpec{"handshake: complete\nteardwn: reset\n",
                "x.yaml:2: unknown key 'teardwn' in the spec (did you mean 'teardown'?) "
                "(allowed: description, capture, requires, tshark, scope, streams, handshake, "
                "teardown, closed_by, messages, counts, fields, expert)"},
        BadSpec{"handshake: complete\nhandshake: missing\n",
                "x.yaml:2: duplicate key 'handshake' in the spec (first at line 1)"},
        BadSpec{"messages:\n  client:\n    - {length: ten}\n",
                "x.yaml:3: messages.client[1].length must be a non-negative integer, not 'ten'"},
        BadSpec{"messages:\n  client:\n    - {length: 1}\n    - {lenght: 2}\n",
                "x.yaml:4: unknown key 'lenght' in messages.client[2] (did you mean 'length'?) "
                "(allowed: length, text, text_regex, payload, frame)"},
        BadSpec{"messages:\n  client:\n    - {text: a, text_regex: b}\n",
                "x.yaml:3: messages.client[1]: give text or text_regex, not both"},
        BadSpec{"messages:\n  client:\n    - {frame: 3}\n",
                "x.yaml:3: messages.client[1]: say what the message is: length, text, "
                "text_regex or payload"},
        BadSpec{"messages:\n  server:\n    - {payload: xyz}\n",
                "x.yaml:3: messages.server[1].payload must be hex bytes such as \"0a 1b\" or "
                "\"0a1b\""},
        BadSpec{"messages:\n  client: 4\n", "x.yaml:2: messages.client must be a list"},
        BadSpec{"messages: {allow_more: true}\n",
                "x.yaml:1: messages must list client and/or server messages"},
        BadSpec{"handshake: done\n",
                "x.yaml:1: handshake must be one of complete, missing, incomplete, not 'done'"},
        BadSpec{"teardown: [complete]\n",
                "x.yaml:1: teardown must be one of complete, reset, half-closed, open"},
        BadSpec{"counts:\n  - {filter: tcp, exactly: 1, at_most: 2}\n",
                "x.yaml:2: counts[1]: exactly cannot be combined with at_least/at_most"},
        BadSpec{"counts:\n  - {filter: tcp, at_least: 3, at_most: 2}\n",
                "x.yaml:2: counts[1]: at_least is above at_most"},
        BadSpec{"counts:\n  - {filter: tcp}\n",
                "x.yaml:2: counts[1]: say how many: exactly, at_least and/or at_most"},
        BadSpec{"counts:\n  - {exactly: 1}\n",
                "x.yaml:2: counts[1]: needs a display filter (filter: ...)"},
        BadSpec{"fields:\n  - {field: tcp.len, frame: 1, where: tcp, equals: 1}\n",
                "x.yaml:2: fields[1]: choose one of frame, client_message, server_message, where"},
        BadSpec{"fields:\n  - {field: tcp.len, equals: 1, regex: a}\n",
                "x.yaml:2: fields[1]: give exactly one of equals, regex, range, present, absent"},
        BadSpec{"fields:\n  - {field: tcp.len, present: false}\n",
                "x.yaml:2: fields[1].present can only be true (say absent: true instead)"},
        BadSpec{"fields:\n  - {field: tcp.len, range: [9, 1]}\n",
                "x.yaml:2: fields[1].range: low is above high"},
        BadSpec{"fields:\n  - {field: tcp.len, range: [1]}\n",
                "x.yaml:2: fields[1].range must be [low, high]"},
        BadSpec{"fields:\n  - {field: tcp.len, frame: 0, present: true}\n",
                "x.yaml:2: fields[1].frame counts from 1"},
        BadSpec{"fields:\n  - {frame: 2, present: true}\n",
                "x.yaml:2: fields[1]: needs the field's filter name (field: ...)"},
        BadSpec{"expert:\n  max_severity: fatal\n",
                "x.yaml:2: expert.max_severity must be one of comment, chat, note, warning, "
                "error, not 'fatal'"},
        BadSpec{"expert: {}\n", "x.yaml:1: expert must give max_severity, required or forbidden"},
        BadSpec{"requires:\n  tshark: four\nhandshake: complete\n",
                "x.yaml:2: requires.tshark must be a version such as 4.0 or 4.0.17"},
        BadSpec{"tshark:\n  two_pass: maybe\nhandshake: complete\n",
                "x.yaml:2: tshark.two_pass must be true or false, not 'maybe'"},
        BadSpec{"tshark:\n  preferences: [a, b]\nhandshake: complete\n",
                "x.yaml:2: tshark.preferences must be a mapping"},
        BadSpec{"streams:\n  - stream: 1\n    handshake: complete\n  - stream: 1\n    "
                "teardown: open\n",
                "x.yaml:4: stream 1 is listed twice"},
        BadSpec{"streams:\n  - handshake: complete\n",
                "x.yaml:2: streams[1]: needs the tcp.stream number (stream: ...)"},
        BadSpec{"streams:\n  - stream: 2\n", "x.yaml:2: stream 2 has no expectations"},
        BadSpec{"description: nothing to check\n",
                "x.yaml:1: the spec has no expectations (add messages, handshake, counts, fields, "
                "expert or streams; labcheck init CAPTURE drafts them)"},
        BadSpec{"", "x.yaml:1: the spec is empty (write one with: labcheck init CAPTURE)"},
        BadSpec{"- just\n- a list\n",
                "x.yaml:1: the spec must be a mapping of description, capture, requires, tshark, "
                "scope, streams, handshake, teardown, closed_by, messages, counts, fields, "
                "expert"},
        BadSpec{"handshake: complete\nmessages: {client: [\n",
                "x.yaml:3: invalid YAML: end of sequence flow not found"}));

TEST(SpecParser, EveryStructuralErrorInOneRun) {
    try {
        parse_spec(R"(handshake: done
teardwn: reset
messages:
  client:
    - {length: ten}
    - {text: ok}
    - {lenght: 3}
counts:
  - {filter: tcp}
fields:
  - {field: tcp.len, range: [9, 1]}
expert: {max_severity: fatal, forbidden: [_ws.malformed]}
)",
                   "x.yaml");
        FAIL();
    } catch (const SpecError &e) {
        EXPECT_EQ(std::string(e.what()),
                  "x.yaml:1: handshake must be one of complete, missing, incomplete, not 'done'\n"
                  "x.yaml:2: unknown key 'teardwn' in the spec (did you mean 'teardown'?) "
                  "(allowed: description, capture, requires, tshark, scope, streams, handshake, "
                  "teardown, closed_by, messages, counts, fields, expert)\n"
                  "x.yaml:5: messages.client[1].length must be a non-negative integer, not "
                  "'ten'\n"
                  "x.yaml:7: unknown key 'lenght' in messages.client[3] (did you mean 'length'?) "
                  "(allowed: length, text, text_regex, payload, frame)\n"
                  "x.yaml:9: counts[1]: say how many: exactly, at_least and/or at_most\n"
                  "x.yaml:11: fields[1].range: low is above high\n"
                  "x.yaml:12: expert.max_severity must be one of comment, chat, note, warning, "
                  "error, not 'fatal'");
        EXPECT_EQ(e.where().line, 1);
    }
}

TEST(SpecParser, LabelsAndScope) {
    const Spec s = parse_spec(R"(scope: capture
handshake: {expect: complete, description: the 3-way handshake}
teardown: complete
messages:
  description: the four lines
  client: [{text: a}]
counts: [{filter: tcp, exactly: 1, description: one TCP frame}]
fields: [{field: tcp.len, present: true, description: some length}]
expert: {forbidden: [_ws.malformed], description: nothing malformed}
)",
                              "x.yaml");
    EXPECT_EQ(s.grading(), GradingScope::kCapture);
    EXPECT_EQ(s.expect.handshake->value, HandshakeState::kComplete);
    EXPECT_EQ(s.expect.handshake->description, "the 3-way handshake");
    EXPECT_EQ(s.expect.teardown->description, "");
    EXPECT_EQ(s.expect.messages[0]->description, "the four lines");
    EXPECT_EQ(s.expect.counts[0].description, "one TCP frame");
    EXPECT_EQ(s.expect.fields[0].description, "some length");
    EXPECT_EQ(s.expect.expert->description, "nothing malformed");
    EXPECT_EQ(parse_spec("handshake: complete\n", "y.yaml").grading(), GradingScope::kLab);
}

TEST(SpecParser, BadRegexIsRejectedWithGlibsReason) {
    try {
        parse_spec("messages:\n  client:\n    - {text_regex: \"(\"}\n", "x.yaml");
        FAIL();
    } catch (const SpecError &e) {
        EXPECT_EQ(e.where().line, 3);
        EXPECT_EQ(std::string(e.what()).rfind("x.yaml:3: messages.client[1].text_regex is not a "
                                              "valid regular expression: ",
                                              0),
                  0u);
    }
}

// --- hostile YAML: a SpecError, in bounded time and memory ----------------

std::string error_of(const std::string &yaml) {
    try {
        parse_spec(yaml, "x.yaml");
    } catch (const SpecError &e) {
        return e.what();
    }
    return "(accepted)";
}

std::string repeated(const std::string &text, size_t times) {
    std::string out;
    for (size_t i = 0; i < times; ++i) out += text;
    return out;
}

TEST(HostileYaml, DeepNestingStopsBeforeTheParserRecursesFar) {
    const std::string deep = "invalid YAML: nested more than 64 levels deep";
    EXPECT_EQ(error_of(repeated("[", 100000)), "x.yaml:1: " + deep);
    EXPECT_EQ(error_of("fields:\n  - " + repeated("{a: ", 100000) + "1" + repeated("}", 100000)),
              "x.yaml:2: " + deep);
    std::string block;
    for (int i = 0; i < 200; ++i) block += std::string(i, ' ') + "a:\n";
    EXPECT_EQ(error_of(block), "x.yaml:64: " + deep);
    // 64 levels are YAML this reader takes; the schema then rejects them.
    EXPECT_EQ(error_of("description: " + repeated("[", 63) + repeated("]", 63)),
              "x.yaml:1: description must be a string");
}

TEST(HostileYaml, AnAliasInsideItsOwnAnchor) {
    EXPECT_EQ(error_of("fields: &a [*a]\n"),
              "x.yaml:1: an alias (*name) inside its own anchor: it never ends");
}

TEST(HostileYaml, AliasesThatExpandBeyondTheLimits) {
    // A billion laughs: 1000 aliases to a list of 1000 values, 8 KB written.
    const std::string laughs = "fields:\n  - &f {field: tcp.len, equals: [" + repeated("1, ", 999) +
                               "1]}\n" + repeated("  - *f\n", 999);
    EXPECT_EQ(error_of(laughs),
              "x.yaml:499: more than 500000 values (an alias counts as what it names): is it "
              "a spec?");
    const std::string text = "messages:\n  client:\n    - &m {text: " + std::string(1 << 20, 'x') +
                             "}\n" + repeated("    - *m\n", 4);
    EXPECT_EQ(error_of(text),
              "x.yaml:6: more than 4 MiB of text (an alias counts as what it names): is it a "
              "spec?");
}

TEST(HostileYaml, AnyListUpToTheLimitIsRead) {
    const Spec s = parse_spec(
        "fields:\n  - {field: tcp.len, equals: [" + repeated("1, ", 99999) + "1]}\n", "x.yaml");
    EXPECT_EQ(s.expect.fields[0].matcher.kind(), ValueMatcher::Kind::kEqualsList);
}

TEST(HostileYaml, HugeText) {
    EXPECT_EQ(error_of("description: " + std::string(kMaxSpecBytes, 'x') + "\n"),
              "x.yaml: larger than 4 MiB, the most a spec may be: is it a spec?");
}

TEST(HostileYaml, MessagesAreValidUtf8WhateverTheSpecHolds) {
    EXPECT_EQ(error_of("handshake: \"\\\xFF\"\n"),
              "x.yaml:1: invalid YAML: unknown escape character: \xEF\xBF\xBD");
    EXPECT_EQ(error_of(std::string("handshake: \"a\0b\"\n", 17)),
              "x.yaml:1: handshake must be one of complete, missing, incomplete, not "
              "'a\xEF\xBF\xBD"
              "b'");
}

TEST(SpecFile, UnreadableFileIsASpecErrorWithTheReason) {
    const auto error_loading = [](const std::string &path) {
        try {
            load_spec(path);
        } catch (const SpecError &e) {
            return std::string(e.what());
        }
        return std::string("(accepted)");
    };
    EXPECT_EQ(error_loading("/nonexistent/spec.yaml"),
              "/nonexistent/spec.yaml: cannot read the spec file: No such file or directory");
    EXPECT_EQ(error_loading("/"), "/: cannot read the spec file: Is a directory");
    // A file that never ends is read only as far as the limit.
    EXPECT_EQ(error_loading("/dev/zero"),
              "/dev/zero: larger than 4 MiB, the most a spec may be: is it a spec?");
}

}  // namespace
}  // namespace labcheck
