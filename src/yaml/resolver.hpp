// PyYAML 6's Resolver: the tag of a plain scalar, from its text, by the
// implicit resolvers of yaml/resolver.py (YAML 1.1: yes/no/on/off booleans,
// 0b/0x/leading-zero octal/sexagesimal integers with underscores, .inf/.nan
// and sexagesimal floats, ~/null, timestamps, `<<`, `=`). Each regular
// expression is matched by hand, with re.match's `$`: the end of the text or
// just before one final '\n'.
#pragma once

#include <cstdint>
#include <string_view>

#include "yaml/node_graph.hpp"

namespace tfschema::yaml {

// The tag PyYAML's resolve(ScalarNode, value, (True, _)) picks.
Tag resolve_plain_scalar(std::string_view value);

// What SafeConstructor.construct_yaml_timestamp makes of a value.
enum class TimestampReading : uint8_t {
  kNoMatch,       // its regular expression does not match: AttributeError
  kInvalidValue,  // datetime refuses the fields (month 13, year 0, ...): ValueError
  kDate,          // a datetime.date or datetime.datetime, which json.dumps cannot write
};
TimestampReading read_timestamp(std::string_view value);

}  // namespace tfschema::yaml
