#!/usr/bin/env node
// Reference validator for tfschema's `strict` profile: the endpoint's OpenAPI
// 3.1 document (schema/artifact-versions.openapi.json) read as JSON Schema
// 2020-12 by ajv 8. tfschema's strict profile must agree with it on every body
// that it can judge.
//
// Usage:
//   node validate.mjs [--schema request|response|error] [--openapi FILE]
//                     [CASES.jsonl | -]
//   node validate.mjs [--schema ...] [--openapi FILE] --print-schema
//
// Normally run through run.sh, which installs ajv into the build tree.
//
//   --schema   request  -> components.schemas.ApplyArtifactRequest (default)
//              response -> components.schemas.GetArtifactVersionResponse
//              error    -> components.schemas.HTTPValidationError
//   --openapi  the OpenAPI JSON (default: $TFSCHEMA_OPENAPI, else
//              ../../schema/artifact-versions.openapi.json next to this file)
//   --print-schema  print the JSON Schema 2020-12 document that is compiled and exit
//
// Input: JSON lines, each an object with "id" and "body_b64" (base64 of the
// exact body bytes; a "body" string is used when "body_b64" is absent). Other
// members are ignored. Blank lines are skipped.
//
// Output: one JSON line per input line, in input order:
//   {"id":...,"valid":true,"errors":[]}
//   {"id":...,"valid":false,"errors":[{"instancePath","schemaPath","keyword","params"},...]}
//   {"id":...,"valid":null,"reason":"<code>","detail":"..."}        (unjudgeable)
//
// A body is "unjudgeable" when ajv cannot see what the bytes say, i.e. when
// the JavaScript value handed to ajv does not faithfully represent the body:
//   utf8_bom        the bytes start with EF BB BF (RFC 8259 forbids it)
//   invalid_utf8    not valid UTF-8 (fatal WHATWG decoder; includes CESU-8
//                   surrogates ED A0 80 etc.)
//   json_invalid    JSON.parse rejects the text (empty body, NaN, trailing
//                   comma, ...)
//   duplicate_key   a member name repeats in some object (after unescaping):
//                   JSON.parse silently keeps the last value
//   lone_surrogate  a string or member name contains a \uD800-\uDFFF escape
//                   that is not part of a surrogate pair
//   number_precision a number literal that is not an integer mathematically
//                   but reads as an integral double (1.0000000000000001,
//                   1e-400), *and* ajv's verdict changes when that value is
//                   replaced by a non-integral one; JSON Schema's `integer` is
//                   about the mathematical value, which the double lost
//   ajv_exception   ajv threw (e.g. stack exhaustion)
//
// OpenAPI -> JSON Schema 2020-12 translation (see README.md in this directory):
//   - components.schemas become $defs; "#/components/schemas/X" refs become
//     "#/$defs/X"; the root is {"$ref": "#/$defs/<component>"}.
//   - discriminator is dropped: plain `oneOf` is the JSON Schema semantics and
//     OpenAPI 3.1 defines discriminator as a hint that must not change the
//     outcome. (ajv's `discriminator: true` option would also reject this
//     document: it does not support `mapping`.)
//   - nullable: true (OpenAPI 3.0 style, used by Subject) adds "null" to
//     `type` (and to `enum`, when there is one).
//   - OpenAPI-only keywords (example, xml, externalDocs, x-*) are dropped;
//     standard annotations (title, description, default, ...) stay. The walk
//     is schema-aware, so a property *named* "description" or "example" is
//     left alone.
//   - ajv options: {strict: false, unicodeRegExp: true, allErrors: true},
//     ajv-formats for date-time (used by the response schema).

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

const addFormats = addFormatsModule.default ?? addFormatsModule;

const COMPONENTS = {
  request: "ApplyArtifactRequest",
  response: "GetArtifactVersionResponse",
  error: "HTTPValidationError",
};

// ---------------------------------------------------------------- arguments

function usage(msg) {
  if (msg) process.stderr.write(`validate.mjs: ${msg}\n`);
  process.stderr.write(
    "usage: node validate.mjs [--schema request|response|error] [--openapi FILE] " +
      "[--print-schema] [CASES.jsonl | -]\n",
  );
  process.exit(2);
}

function parseArgs(argv) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const opts = {
    schema: "request",
    openapi:
      process.env.TFSCHEMA_OPENAPI ||
      path.join(here, "..", "..", "schema", "artifact-versions.openapi.json"),
    printSchema: false,
    input: "-",
  };
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      return argv[++i];
    };
    if (a === "--schema") opts.schema = value();
    else if (a.startsWith("--schema=")) opts.schema = a.slice(9);
    else if (a === "--openapi") opts.openapi = value();
    else if (a.startsWith("--openapi=")) opts.openapi = a.slice(10);
    else if (a === "--print-schema") opts.printSchema = true;
    else if (a === "-h" || a === "--help") usage();
    else if (a.startsWith("--")) usage(`unknown option ${a}`);
    else rest.push(a);
  }
  if (!(opts.schema in COMPONENTS)) usage(`--schema must be request, response or error`);
  if (rest.length > 1) usage("at most one input file");
  if (rest.length === 1) opts.input = rest[0];
  return opts;
}

// ------------------------------------------------- OpenAPI -> JSON Schema

const SCHEMA_KEYWORDS = new Set([
  "additionalProperties", "unevaluatedProperties", "propertyNames", "contains",
  "items", "unevaluatedItems", "additionalItems", "not", "if", "then", "else",
]);
const SCHEMA_MAP_KEYWORDS = new Set([
  "properties", "patternProperties", "$defs", "definitions", "dependentSchemas",
]);
const SCHEMA_ARRAY_KEYWORDS = new Set(["allOf", "anyOf", "oneOf", "prefixItems"]);
const OPENAPI_ONLY = new Set(["discriminator", "nullable", "example", "xml", "externalDocs"]);
const COMPONENT_REF = "#/components/schemas/";

const warnings = new Set();

function convertSchema(schema, where) {
  if (typeof schema === "boolean") return schema;
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) {
    throw new Error(`${where}: not a schema`);
  }
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (OPENAPI_ONLY.has(key) || key.startsWith("x-")) continue;
    if (key === "$ref") {
      if (typeof value === "string" && value.startsWith(COMPONENT_REF)) {
        out.$ref = "#/$defs/" + value.slice(COMPONENT_REF.length);
      } else if (typeof value === "string" && value.startsWith("#/")) {
        throw new Error(`${where}: unsupported local $ref ${value}`);
      } else {
        out.$ref = value;
      }
    } else if (SCHEMA_KEYWORDS.has(key)) {
      out[key] = Array.isArray(value) // draft-04 style tuple items
        ? value.map((s, i) => convertSchema(s, `${where}/${key}/${i}`))
        : convertSchema(value, `${where}/${key}`);
    } else if (SCHEMA_MAP_KEYWORDS.has(key)) {
      const m = {};
      for (const [name, sub] of Object.entries(value)) {
        m[name] = convertSchema(sub, `${where}/${key}/${name}`);
      }
      out[key] = m;
    } else if (SCHEMA_ARRAY_KEYWORDS.has(key)) {
      out[key] = value.map((s, i) => convertSchema(s, `${where}/${key}/${i}`));
    } else {
      // Keywords whose values are data, not schemas (type, enum, const,
      // default, required, pattern, title, description, ...): copied verbatim.
      out[key] = structuredClone(value);
    }
  }
  if (schema.nullable === true) {
    if (typeof out.type === "string") {
      out.type = out.type === "null" ? "null" : [out.type, "null"];
    } else if (Array.isArray(out.type)) {
      if (!out.type.includes("null")) out.type = [...out.type, "null"];
    } else {
      // OpenAPI 3.0.3: "nullable: true only has an effect if type is
      // explicitly defined within the same Schema Object".
      warnings.add(`${where}: nullable without type has no effect`);
    }
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  }
  return out;
}

export function buildJsonSchema(openapi, componentName) {
  const schemas = openapi?.components?.schemas;
  if (!schemas || typeof schemas !== "object") throw new Error("no components.schemas");
  if (!(componentName in schemas)) throw new Error(`no components.schemas.${componentName}`);
  const defs = {};
  for (const [name, s] of Object.entries(schemas)) {
    defs[name] = convertSchema(s, `#/components/schemas/${name}`);
  }
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $ref: `#/$defs/${componentName}`,
    $defs: defs,
  };
}

// ------------------------------------------------------------ body checks

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function isWellFormed(s) {
  if (typeof s.isWellFormed === "function") return s.isWellFormed();
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

function pointer(pathArr) {
  return pathArr
    .map((p) => "/" + String(p).replace(/~/g, "~0").replace(/\//g, "~1"))
    .join("");
}

// Is the decimal literal (RFC 8259 number grammar) an integer mathematically?
function literalIsInteger(token) {
  const m = /^-?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(token);
  if (!m) return false;
  let digits = m[1] + (m[2] ?? "");
  let exp = BigInt(m[3] ?? "0") - BigInt((m[2] ?? "").length);
  const stripped = digits.replace(/0+$/, "");
  if (/^0*$/.test(stripped)) return true; // zero
  exp += BigInt(digits.length - stripped.length);
  return exp >= 0n;
}

// ajv's `integer` test, as its generated code writes it.
function ajvIsInteger(x) {
  return !(x % 1) && !Number.isNaN(x);
}

// One pass over text that JSON.parse has already accepted: finds repeated
// member names, lone surrogate escapes, and number literals whose
// integer-ness the double conversion changed. Iterative (no recursion), so any
// depth JSON.parse accepts is fine.
function scan(text) {
  const stack = []; // {obj: true, keys: Set, key} | {obj: false, index}
  let expectKey = false;
  const imprecise = [];
  const pathNow = () => stack.map((f) => (f.obj ? f.key : f.index));
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    switch (c) {
      case 0x20: case 0x09: case 0x0a: case 0x0d: case 0x3a: // ws, ':'
        i++;
        break;
      case 0x7b: // {
        stack.push({ obj: true, keys: new Set(), key: null });
        expectKey = true;
        i++;
        break;
      case 0x5b: // [
        stack.push({ obj: false, index: 0 });
        i++;
        break;
      case 0x7d: case 0x5d: // } ]
        stack.pop();
        expectKey = false;
        i++;
        break;
      case 0x2c: { // ,
        const top = stack[stack.length - 1];
        if (top.obj) expectKey = true;
        else top.index++;
        i++;
        break;
      }
      case 0x22: { // "
        let j = i + 1;
        let escaped = false;
        for (;;) {
          const d = text.charCodeAt(j);
          if (d === 0x22) break;
          if (d === 0x5c) { escaped = true; j += 2; } else j++;
        }
        const token = text.slice(i, j + 1);
        const s = escaped ? JSON.parse(token) : token.slice(1, -1);
        const top = stack[stack.length - 1];
        const isKey = expectKey && top && top.obj;
        if (isKey) {
          if (top.keys.has(s)) {
            top.key = s;
            return { reason: "duplicate_key", detail: `member name repeated at ${pointer(pathNow())}` };
          }
          top.keys.add(s);
          top.key = s;
          expectKey = false;
        }
        if (escaped && !isWellFormed(s)) {
          return {
            reason: "lone_surrogate",
            detail: `${isKey ? "member name" : "string"} with a lone surrogate escape at ${pointer(pathNow()) || "/"}`,
          };
        }
        i = j + 1;
        break;
      }
      case 0x74: case 0x66: case 0x6e: // true false null
        i += c === 0x66 ? 5 : 4;
        break;
      default: { // number
        let j = i + 1;
        while (j < n && /[0-9eE.+-]/.test(text[j])) j++;
        const token = text.slice(i, j);
        const value = Number(token);
        if (literalIsInteger(token) !== ajvIsInteger(value)) {
          imprecise.push({ path: pathNow(), token, value });
        }
        i = j;
      }
    }
  }
  return { imprecise };
}

function setAt(root, pathArr, value) {
  if (pathArr.length === 0) return value;
  let node = root;
  for (let k = 0; k < pathArr.length - 1; k++) node = node[pathArr[k]];
  node[pathArr[pathArr.length - 1]] = value;
  return root;
}

function summarizeErrors(errors) {
  return (errors ?? []).map((e) => ({
    instancePath: e.instancePath,
    schemaPath: e.schemaPath,
    keyword: e.keyword,
    params: e.params,
  }));
}

function judge(validate, bytes) {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { valid: null, reason: "utf8_bom", detail: "body starts with a UTF-8 byte order mark" };
  }
  let text;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { valid: null, reason: "invalid_utf8", detail: "body is not valid UTF-8" };
  }
  let data;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { valid: null, reason: "json_invalid", detail: String(e.message) };
  }
  let scanned;
  try {
    scanned = scan(text);
  } catch (e) {
    return { valid: null, reason: "ajv_exception", detail: `scan: ${e}` };
  }
  if (scanned.reason) return { valid: null, reason: scanned.reason, detail: scanned.detail };

  let valid;
  let errors;
  try {
    valid = validate(data);
    errors = summarizeErrors(validate.errors);
  } catch (e) {
    return { valid: null, reason: "ajv_exception", detail: String(e) };
  }

  if (scanned.imprecise.length > 0) {
    // Give ajv a non-integral stand-in of the same sign for each literal the
    // double conversion made integral, and see whether the verdict moves.
    let exact = JSON.parse(text);
    for (const { path: p, token } of scanned.imprecise) {
      exact = setAt(exact, p, token.startsWith("-") ? -0.5 : 0.5);
    }
    let exactValid;
    try {
      exactValid = validate(exact);
    } catch (e) {
      return { valid: null, reason: "ajv_exception", detail: String(e) };
    }
    if (exactValid !== valid) {
      const first = scanned.imprecise[0];
      return {
        valid: null,
        reason: "number_precision",
        detail:
          `number ${first.token.length > 40 ? first.token.slice(0, 40) + "..." : first.token} at ` +
          `${pointer(first.path) || "/"} is not an integer but reads as ${first.value}; ` +
          `ajv says ${valid ? "valid" : "invalid"}, the exact value would be ${exactValid ? "valid" : "invalid"}`,
      };
    }
  }
  return { valid, errors };
}

// ------------------------------------------------------------------- main

function main() {
  const opts = parseArgs(process.argv.slice(2));
  let openapi;
  try {
    openapi = JSON.parse(fs.readFileSync(opts.openapi, "utf8"));
  } catch (e) {
    process.stderr.write(`validate.mjs: cannot read ${opts.openapi}: ${e.message}\n`);
    process.exit(2);
  }
  const jsonSchema = buildJsonSchema(openapi, COMPONENTS[opts.schema]);
  for (const w of warnings) process.stderr.write(`validate.mjs: warning: ${w}\n`);
  if (opts.printSchema) {
    process.stdout.write(JSON.stringify(jsonSchema, null, 2) + "\n");
    return;
  }

  const ajv = new Ajv2020({ strict: false, unicodeRegExp: true, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(jsonSchema);

  let input;
  try {
    input = fs.readFileSync(opts.input === "-" ? 0 : opts.input, "utf8");
  } catch (e) {
    process.stderr.write(`validate.mjs: cannot read ${opts.input}: ${e.message}\n`);
    process.exit(2);
  }
  const out = [];
  const lines = input.split("\n");
  for (let ln = 0; ln < lines.length; ln++) {
    const line = lines[ln].replace(/\r$/, "");
    if (line.trim() === "") continue;
    let rec;
    try {
      rec = JSON.parse(line);
    } catch (e) {
      process.stderr.write(`validate.mjs: ${opts.input}:${ln + 1}: not JSON: ${e.message}\n`);
      process.exit(2);
    }
    let bytes;
    if (typeof rec.body_b64 === "string") bytes = Buffer.from(rec.body_b64, "base64");
    else if (typeof rec.body === "string") bytes = Buffer.from(rec.body, "utf8");
    else {
      process.stderr.write(`validate.mjs: ${opts.input}:${ln + 1}: no body_b64\n`);
      process.exit(2);
    }
    const verdict = judge(validate, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length));
    out.push(JSON.stringify({ id: rec.id ?? null, ...verdict }));
    if (out.length >= 256) {
      process.stdout.write(out.join("\n") + "\n");
      out.length = 0;
    }
  }
  if (out.length) process.stdout.write(out.join("\n") + "\n");
}

main();
