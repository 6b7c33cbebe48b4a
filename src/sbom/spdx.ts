// SPDX 2.3 JSON from an SbomSubject. Hand-written for the same reason as the CycloneDX writer:
// goship controls every byte, and the document is a plain JSON tree.
import { createHash } from "node:crypto";
import { rfc3339 } from "../git/state.js";
import { binaryProperties } from "./cyclonedx.js";
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

/** An SPDX identifier: `SPDXRef-` then letters, digits, `.` and `-` only. */
export function spdxId(kind: string, name: string): string {
  return `SPDXRef-${kind}-${name.replace(/[^A-Za-z0-9.-]+/g, "-")}`;
}

function purlRef(locator: string): Json {
  return { referenceCategory: "PACKAGE-MANAGER", referenceType: "purl", referenceLocator: locator };
}

function pkg(fields: Json): Json {
  return {
    downloadLocation: "NOASSERTION",
    filesAnalyzed: false,
    licenseConcluded: "NOASSERTION",
    licenseDeclared: "NOASSERTION",
    copyrightText: "NOASSERTION",
    ...fields,
  };
}

function binaryPackage(binary: SbomBinary, id: string, fileName: string): Json {
  const main = binary.info.main;
  const version = main.version === "(devel)" ? undefined : main.version;
  const purl =
    main.path === ""
      ? undefined
      : goPurl(main.path, {
          ...(version ? { version } : {}),
          qualifiers: {
            goarch: setting(binary.info, "GOARCH"),
            goos: setting(binary.info, "GOOS"),
            type: "module",
          },
          subpath: packageSubpath(binary.info),
        });
  // SPDX 2.3 packages have no free-form properties; the build facts go in the comment, one per line.
  const facts = binaryProperties(binary).map((p) => `${p.name}=${p.value}`);
  return pkg({
    name: main.path || binary.info.path,
    SPDXID: id,
    ...(main.version ? { versionInfo: main.version } : {}),
    packageFileName: fileName,
    primaryPackagePurpose: "APPLICATION",
    checksums: [{ algorithm: "SHA256", checksumValue: binary.sha256 }],
    ...(purl ? { externalRefs: [purlRef(purl)] } : {}),
    comment: facts.join("\n"),
  });
}

/** SPDX's package verification code: SHA-1 of the files' sorted SHA-1s, concatenated. */
export function verificationCode(sha1s: readonly string[]): string {
  return createHash("sha1")
    .update([...sha1s].sort().join(""))
    .digest("hex");
}

/** An SPDX 2.3 document (an object; `formatJson` gives its bytes). */
export function spdxDocument(subject: SbomSubject): Json {
  const packages = new Map<string, Json>();
  const files: Json[] = [];
  const relationships: Json[] = [];
  const relate = (from: string, type: string, to: string) =>
    relationships.push({ spdxElementId: from, relationshipType: type, relatedSpdxElement: to });
  const rootId = spdxId("Package", subject.kind === "binary" ? "binary" : "archive");

  const addLinked = (binary: SbomBinary, binaryId: string) => {
    for (const dep of binary.info.deps) {
      const c = moduleComponent(dep);
      const id = spdxId("Package-go-module", `${c.name}-${c.version}`);
      if (!packages.has(id)) {
        const hex = h1ToHex(c.sum);
        const replaced = c.replacedBy ? ` replaces ${c.path}@${dep.version}` : "";
        packages.set(
          id,
          pkg({
            name: c.name,
            SPDXID: id,
            versionInfo: c.version,
            primaryPackagePurpose: "LIBRARY",
            ...(hex ? { checksums: [{ algorithm: "SHA256", checksumValue: hex }] } : {}),
            externalRefs: [purlRef(goPurl(c.name, { version: c.version, qualifiers: { type: "module" } }))],
            ...(c.sum || replaced ? { comment: `${c.sum ? `go.sum ${c.sum}` : ""}${replaced}`.trim() } : {}),
          }),
        );
      }
      relate(binaryId, "DEPENDS_ON", id);
    }
    if (binary.info.goVersion !== "") {
      const id = spdxId("Package-go-stdlib", binary.info.goVersion);
      packages.set(
        id,
        pkg({
          name: "stdlib",
          SPDXID: id,
          versionInfo: binary.info.goVersion,
          primaryPackagePurpose: "LIBRARY",
          externalRefs: [purlRef(stdlibPurl(binary.info.goVersion))],
        }),
      );
      relate(binaryId, "DEPENDS_ON", id);
    }
  };

  if (subject.kind === "binary") {
    const binary = subject.binaries[0]!;
    packages.set(rootId, { ...binaryPackage(binary, rootId, subject.name) });
    addLinked(binary, rootId);
  } else {
    packages.set(
      rootId,
      pkg({
        name: subject.name,
        SPDXID: rootId,
        packageFileName: subject.name,
        primaryPackagePurpose: "ARCHIVE",
        checksums: [{ algorithm: "SHA256", checksumValue: subject.sha256 }],
        // Its files are listed, so it is "analyzed", with SPDX's code over their SHA-1s.
        filesAnalyzed: true,
        packageVerificationCode: {
          packageVerificationCodeValue: verificationCode(subject.files.map((f) => f.sha1)),
        },
      }),
    );
    subject.files.forEach((file, index) => {
      const id = spdxId("File", `${index}-${file.path}`);
      files.push({
        fileName: `./${file.path}`,
        SPDXID: id,
        checksums: [
          { algorithm: "SHA1", checksumValue: file.sha1 },
          { algorithm: "SHA256", checksumValue: file.sha256 },
        ],
        licenseConcluded: "NOASSERTION",
        copyrightText: "NOASSERTION",
      });
      relate(rootId, "CONTAINS", id);
      const binary = subject.binaries.find((b) => b.path === file.path);
      if (binary !== undefined) {
        const binaryId = spdxId("Package-binary", `${index}-${file.path}`);
        packages.set(binaryId, binaryPackage(binary, binaryId, file.path));
        relate(rootId, "CONTAINS", binaryId);
        relate(id, "GENERATED_FROM", binaryId);
        addLinked(binary, binaryId);
      }
    });
  }
  const uuid = contentUuid(`spdx:${subject.name}:${subject.sha256}`);
  return {
    spdxVersion: "SPDX-2.3",
    dataLicense: "CC0-1.0",
    SPDXID: "SPDXRef-DOCUMENT",
    name: subject.name,
    documentNamespace: `https://spdx.org/spdxdocs/${encodeURIComponent(subject.name)}-${uuid}`,
    creationInfo: { created: rfc3339(subject.time), creators: [`Tool: goship-${subject.toolVersion}`] },
    packages: [...packages.values()],
    ...(files.length > 0 ? { files } : {}),
    relationships: [
      { spdxElementId: "SPDXRef-DOCUMENT", relationshipType: "DESCRIBES", relatedSpdxElement: rootId },
      ...relationships,
    ],
  };
}
