// Specs written back (init, --update) read again as the same checks.
#include "spec_writer.h"

#include <gtest/gtest.h>

#include "spec_parser.h"

namespace labcheck {
namespace {

TEST(SpecWriter, RoundTrips) {
    const char *yaml = R"(# keep me
description: "a: tricky description"
capture: ../x.pcapng
requires:
  tshark: 4.0
tshark:
  preferences:
    labproto.encoding: cp949
  decode_as:
    - "tcp.port==9230,labproto"
  heuristics:
    - labproto_tcp
  two_pass: true
handshake: complete
teardown: half-closed
closed_by: none
messages:
  client:
    - {length: 10, text: "안녕: 하세요", frame: 4}
    - {text_regex: "^a.*#", payload: 00ff}
  server: []
  allow_more: true
counts:
  - {filter: "tcp.flags.syn == 1", at_least: 1, at_most: 2}
fields:
  - {field: labproto.text, client_message: 1, equals: "yes"}
  - {field: tcp.len, where: "tcp.len > 0", range: [1, 2.5]}
  - {field: labproto.len, equals: [10, 8]}
  - {field: x.y, frame: 3, absent: true}
expert:
  max_severity: warning
  required:
    - labproto.handshake.complete
streams:
  - stream: 2
    name: second
    handshake: missing
)";
    const Spec spec = parse_spec(yaml, "x.yaml");
    const std::string written = write_spec(spec);
    EXPECT_EQ(written, yaml);
    EXPECT_EQ(write_spec(parse_spec(written, "x.yaml")), written);
}

TEST(SpecWriter, QuotesWhatWouldReadAsSomethingElse) {
    Spec spec;
    spec.expect.fields.push_back(
        FieldExpectation{{}, "", "f", {}, ValueMatcher::equals_list({"null", "", "a b", "1"})});
    EXPECT_EQ(write_spec(spec), "fields:\n  - {field: f, equals: [\"null\", \"\", \"a b\", 1]}\n");
}

}  // namespace
}  // namespace labcheck
