// CycloneDX 1.6 JSON from an SbomSubject. Written by hand rather than through a CycloneDX library:
// the document is a plain JSON tree whose key order and content goship must control byte for byte.
import { rfc3339 } from "../git/state.js";
import { contentUuid } from "./ids.js";
import { goPurl, stdlibPurl } from "./purl.js";
import {
  h1ToHex,
  moduleComponent,
  packageSubpath,
  type SbomBinary,
  type SbomSubject,
  setting,
} from "./subject.js";

type Json = Record<string, unknown>;
interface Property {
  readonly name: string;
  readonly value: string;
}

const byRef = (a: Json, b: Json) => {
  const [x, y] = [a["bom-ref"] as string, b["bom-ref"] as string];
  return x < y ? -1 : x > y ? 1 : 0;
};

/** Build facts as properties: the toolchain, the main package and every `build` setting, in order. */
export function binaryProperties(binary: SbomBinary): Property[] {
  const props: Property[] = [
    { name: "goship:go:version", value: binary.info.goVersion },
    { name: "goship:go:package", value: binary.info.path },
  ];
  for (const s of binary.info.settings) props.push({ name: `goship:build:${s.key}`, value: s.value });
  return props;
}

function mainPurl(binary: SbomBinary): string | undefined {
  const main = binary.info.main;
  if (main.path === "") return undefined;
  const version = main.version === "(devel)" ? undefined : main.version;
  return goPurl(main.path, {
    ...(version ? { version } : {}),
    qualifiers: {
      goarch: setting(binary.info, "GOARCH"),
      goos: setting(binary.info, "GOOS"),
      type: "module",
    },
    subpath: packageSubpath(binary.info),
  });
}

function binaryComponent(binary: SbomBinary, ref: string): Json {
  const purl = mainPurl(binary);
  const main = binary.info.main;
  return {
    type: "application",
    "bom-ref": ref,
    name: main.path || binary.info.path,
    ...(main.version ? { version: main.version } : {}),
    ...(purl ? { purl } : {}),
    hashes: [{ alg: "SHA-256", content: binary.sha256 }],
    properties: [{ name: "goship:file:path", value: binary.path }, ...binaryProperties(binary)],
  };
}

/** The modules and the standard library one binary was linked from, with their refs. */
function linkedComponents(binary: SbomBinary): Json[] {
  const out: Json[] = [];
  for (const dep of binary.info.deps) {
    const c = moduleComponent(dep);
    const purl = goPurl(c.name, { version: c.version, qualifiers: { type: "module" } });
    const hex = h1ToHex(c.sum);
    const props: Property[] = [];
    if (c.sum !== "") props.push({ name: "goship:module:sum", value: c.sum });
    if (c.replacedBy !== undefined) {
      props.push({ name: "goship:module:replaces", value: `${c.path}@${dep.version}` });
      props.push({
        name: "goship:module:replacement",
        value: `${c.replacedBy.path} ${c.replacedBy.version}`.trim(),
      });
    }
    out.push({
      type: "library",
      "bom-ref": purl,
      name: c.name,
      version: c.version,
      scope: "required",
      purl,
      ...(hex ? { hashes: [{ alg: "SHA-256", content: hex }] } : {}),
      ...(props.length > 0 ? { properties: props } : {}),
    });
  }
  const goVersion = binary.info.goVersion;
  if (goVersion !== "") {
    const purl = stdlibPurl(goVersion);
    out.push({
      type: "library",
      "bom-ref": purl,
      name: "stdlib",
      version: goVersion,
      scope: "required",
      purl,
    });
  }
  return out;
}

/** A CycloneDX 1.6 document (an object; `formatJson` gives its bytes). */
export function cyclonedxDocument(subject: SbomSubject): Json {
  const components = new Map<string, Json>();
  const dependencies = new Map<string, string[]>();
  const subjectRef = `file:${subject.name}`;
  let root: Json;
  const binaryRefs: string[] = [];
  for (const binary of subject.binaries) {
    const ref = subject.kind === "binary" ? subjectRef : `file:${binary.path}`;
    const linked = linkedComponents(binary);
    for (const c of linked) components.set(c["bom-ref"] as string, c);
    dependencies.set(ref, linked.map((c) => c["bom-ref"] as string).sort());
    if (subject.kind === "archive") {
      components.set(ref, binaryComponent(binary, ref));
      binaryRefs.push(ref);
    }
  }
  if (subject.kind === "binary") {
    const binary = subject.binaries[0]!;
    root = binaryComponent(binary, subjectRef);
  } else {
    root = {
      type: "file",
      "bom-ref": subjectRef,
      name: subject.name,
      hashes: [{ alg: "SHA-256", content: subject.sha256 }],
    };
    const binaryPaths = new Set(subject.binaries.map((b) => b.path));
    for (const file of subject.files) {
      if (binaryPaths.has(file.path)) continue;
      const ref = `file:${file.path}`;
      components.set(ref, {
        type: "file",
        "bom-ref": ref,
        name: file.path,
        hashes: [
          { alg: "SHA-1", content: file.sha1 },
          { alg: "SHA-256", content: file.sha256 },
        ],
      });
      binaryRefs.push(ref);
    }
    dependencies.set(subjectRef, binaryRefs.sort());
  }
  for (const ref of components.keys()) if (!dependencies.has(ref)) dependencies.set(ref, []);
  return {
    $schema: "http://cyclonedx.org/schema/bom-1.6.schema.json",
    bomFormat: "CycloneDX",
    specVersion: "1.6",
    serialNumber: `urn:uuid:${contentUuid(`cyclonedx:${subject.name}:${subject.sha256}`)}`,
    version: 1,
    metadata: {
      timestamp: rfc3339(subject.time),
      tools: { components: [{ type: "application", name: "goship", version: subject.toolVersion }] },
      component: root,
    },
    components: [...components.values()].sort(byRef),
    dependencies: [...dependencies.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([ref, dependsOn]) => ({ ref, dependsOn })),
  };
}
