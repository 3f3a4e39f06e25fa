// The help texts. docs/man/tfschema.1 is generated from them
// (tools/man/help_to_man.py), so they follow a fixed layout: a section is a
// line ending in ':' at column 0; an item is "  TERM  DESCRIPTION" with
// continuation lines indented further; other indented lines are prose.
#pragma once

#include <string>
#include <string_view>

namespace tfschema::cli {

inline constexpr std::string_view kMainHelp =
    "usage: tfschema <command> [options]\n"
    "\n"
    "Checks request bodies of TrueFoundry's PUT /api/ml/v1/artifact-versions and\n"
    "answers exactly what the FastAPI server would answer.\n"
    "\n"
    "Commands:\n"
    "  validate   check JSON bodies in files, directories or standard input\n"
    "  help       show this help\n"
    "\n"
    "Options:\n"
    "  -h, --help  show this help\n"
    "  --version   print the version and exit\n"
    "\n"
    "Run 'tfschema validate --help' for the options of validate.\n";

inline constexpr std::string_view kValidateHelp =
    "usage: tfschema validate [OPTIONS] [PATH...]\n"
    "\n"
    "Checks the request bodies in each PATH: a file, a directory or - (standard\n"
    "input); with no PATH, standard input is read.\n"
    "\n"
    "Options:\n"
    "  --profile P     {profiles}\n"
    "  --schema S      request (default): the PUT body; response: the 200 answer\n"
    "                  (GetArtifactVersionResponse); error: the 422 answer\n"
    "                  (HTTPValidationError); response and error need --profile strict\n"
    "  --format F      text, json or fastapi (see Output formats); the default is\n"
    "                  text when standard output is a terminal, fastapi otherwise\n"
    "  --jsonl         each line of each input is one body (JSON lines)\n"
    "  -j, --jobs N    validate on N threads (default: all cores); the output keeps\n"
    "                  the input order\n"
    "  --max-errors N  report at most N errors per body (default 0: all of them)\n"
    "  --color WHEN    colour the text format: auto (the default: on a terminal,\n"
    "                  unless NO_COLOR is set), always or never\n"
    "  -q, --quiet     print nothing on standard output; the exit status tells\n"
    "  --no-progress   no progress bar (one appears on standard error when it is a\n"
    "                  terminal, the output is not, and the run takes over a second)\n"
    "  -h, --help      show this help\n"
    "\n"
    "Inputs:\n"
    "  A directory is searched recursively, in sorted order, for files named\n"
    "  *.json (with --jsonl: *.jsonl and *.ndjson), skipping names that start\n"
    "  with a dot. A directory without such a file, or a file that cannot be\n"
    "  read, is reported and makes the exit status 2; the other inputs are still\n"
    "  checked. With --jsonl every line is a body, an empty one included (the\n"
    "  server rejects an empty body), and a body's LINE is its line in the file.\n"
    "\n"
    "Output formats:\n"
    "  text     FILE:LINE:COL: error: LOC: MSG [TYPE] for each error, then the\n"
    "           source line with a caret under the offending value (a missing\n"
    "           member: the object that lacks it; for a body's first 50 errors);\n"
    "           a summary line at the end.\n"
    "           LINE and COL start at 1; COL counts Unicode code points\n"
    "  json     one JSON document per body, one per line: every error's loc,\n"
    "           type, msg, input, ctx, byte offset, line and column\n"
    "           (docs/cli-json-output.md)\n"
    "  fastapi  the server's exact response body for each rejected body, one per\n"
    "           line; nothing for a valid body\n"
    "\n"
    "Exit status:\n"
    "  0  every body is valid\n"
    "  1  some body is invalid\n"
    "  2  usage error, or some input could not be read\n"
    "\n"
    "Environment:\n"
    "  NO_COLOR  when set and not empty, --color auto means never\n"
    "\n"
    "Examples:\n"
    "  tfschema validate manifests/\n"
    "  tfschema validate --format json body.json\n"
    "  tfschema validate --jsonl -j 2 --format fastapi bodies.jsonl > answers.jsonl\n"
    "  curl -s https://example.com/body.json | tfschema validate -\n";

// kValidateHelp with {profiles} spelled out from tfschema::kAllProfiles:
// "pydantic-v2 (default), pydantic-v1 or strict".
std::string validate_help();

}  // namespace tfschema::cli
