#!/usr/bin/env node
// openapi-check: validates the API's answers recorded by the integration
// tests (tests/integration/lib.sh, http()) against data/api/openapi.json.
//
//   node tools/openapi-check.mjs [--all-routes] [--doc FILE] ANSWERS.jsonl
//
// Each line of ANSWERS.jsonl is one answer: {test, method, path, status,
// type, body}.  An answer fails when its route and method are not in the
// document, when its status is not (nor a range such as 4XX, nor
// "default"), when the document gives a JSON schema and the answer is not
// JSON, or when the body does not validate against that schema (Ajv, JSON
// Schema draft 7, with OpenAPI 3.0's `nullable` turned into a null type).
// --all-routes also fails when an operation of the document got no answer
// at all (the whole suite ran).  Prints one line per problem and a summary;
// exits 1 on any problem.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv from "ajv";
import addFormats from "ajv-formats";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const allRoutes = args.includes("--all-routes");
const docAt = args.indexOf("--doc");
const docPath = docAt >= 0 ? args[docAt + 1] : join(root, "data/api/openapi.json");
const files = args.filter((a, i) => !a.startsWith("--") && !(docAt >= 0 && i === docAt + 1));
if (files.length !== 1) {
  console.error("usage: openapi-check.mjs [--all-routes] [--doc FILE] ANSWERS.jsonl");
  process.exit(2);
}
const doc = JSON.parse(readFileSync(docPath, "utf8"));

// OpenAPI 3.0 schema -> JSON Schema draft 7: `nullable: true` next to a
// type admits null; `example` is an annotation Ajv must be told of.
function toJsonSchema(s) {
  if (Array.isArray(s)) return s.map(toJsonSchema);
  if (!s || typeof s !== "object") return s;
  const out = {};
  for (const [k, v] of Object.entries(s)) {
    if (k === "nullable") continue;
    out[k] = k === "properties" || k === "patternProperties"
      ? Object.fromEntries(Object.entries(v).map(([n, p]) => [n, toJsonSchema(p)]))
      : toJsonSchema(v);
  }
  // OpenAPI 3.0.3: "A true value adds "null" to the allowed types
  // specified by the type keyword, only if type is explicitly defined
  // within the same Schema Object" (without a type it admits nothing)
  if (s.nullable === true && typeof out.type === "string") {
    out.type = [out.type, "null"];
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
  }
  return out;
}

const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, allowUnionTypes: true });
addFormats(ajv);
ajv.addKeyword("example");
// each component schema under an id of its own, "#/components/schemas/X"
// references rewritten to it
const refs = (x) => JSON.parse(JSON.stringify(x).replace(/"#\/components\/schemas\/([^"]+)"/g, '"openapi:$1"'));
for (const [name, schema] of Object.entries(doc.components.schemas || {})) {
  ajv.addSchema(refs(toJsonSchema(schema)), `openapi:${name}`);
}

// "/api/v1/units/{code}" -> a regular expression for concrete paths
const ops = [];
for (const [tpl, item] of Object.entries(doc.paths)) {
  const re = new RegExp("^" + tpl.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+") + "$");
  for (const method of ["get", "put", "post", "delete", "patch", "head", "options"]) {
    if (item[method]) ops.push({ tpl, re, method: method.toUpperCase(), op: item[method], seen: new Set() });
  }
}

function resolve(x) {
  while (x && x.$ref) {
    x = x.$ref.replace(/^#\//, "").split("/")
      .reduce((o, k) => o[k.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
  }
  return x;
}

const validators = new Map();
function validatorFor(key, schema) {
  if (!validators.has(key)) {
    validators.set(key, ajv.compile(refs(toJsonSchema(schema))));
  }
  return validators.get(key);
}

const lines = readFileSync(files[0], "utf8").split("\n").filter((l) => l.trim());
let problems = 0;
function fail(a, msg) {
  problems++;
  console.log(`${a.test || "?"}: ${a.method} ${a.path} -> ${a.status}: ${msg}`);
}

for (const line of lines) {
  const a = JSON.parse(line);
  const path = a.path.split("?")[0];
  const o = ops.find((x) => x.method === a.method && x.re.test(path));
  if (!o) {
    fail(a, "no such operation in the OpenAPI document");
    continue;
  }
  o.seen.add(String(a.status));
  const st = String(a.status);
  const key = Object.keys(o.op.responses).find((k) => k === st) ||
    Object.keys(o.op.responses).find((k) => k === st[0] + "XX") ||
    (o.op.responses.default ? "default" : null);
  if (!key) {
    fail(a, `status ${st} is not documented (documented: ${Object.keys(o.op.responses).join(", ")})`);
    continue;
  }
  const resp = resolve(o.op.responses[key]);
  const content = resp.content || {};
  const type = (a.type || "").split(";")[0].trim();
  if (!Object.keys(content).length) continue;
  if (!content[type]) {
    fail(a, `content type '${type}' is not documented (documented: ${Object.keys(content).join(", ")})`);
    continue;
  }
  const schema = content[type].schema;
  if (!schema || type !== "application/json") continue;
  let body;
  try {
    body = JSON.parse(a.body);
  } catch (e) {
    fail(a, `the body is not JSON: ${e.message}`);
    continue;
  }
  const v = validatorFor(`${o.method} ${o.tpl} ${key}`, schema);
  if (!v(body)) {
    for (const e of v.errors.slice(0, 5)) fail(a, `body${e.instancePath} ${e.message} (${e.schemaPath})`);
  }
}

let unseen = 0;
if (allRoutes) {
  for (const o of ops) {
    if (!o.seen.size) {
      unseen++;
      problems++;
      console.log(`${o.method} ${o.tpl}: no test got an answer from this operation`);
    }
  }
}
const statuses = ops.reduce((n, o) => n + o.seen.size, 0);
console.log(`openapi-check: ${lines.length} answers of ${ops.length - unseen} operations ` +
  `(${statuses} operation-status pairs) checked against ${docAt >= 0 ? docPath : "data/api/openapi.json"}: ${problems} problems`);
process.exit(problems ? 1 : 0);
