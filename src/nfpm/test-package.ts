// A small package description for the writers' tests: a binary, a config file, a unit and scripts.
import type { PackageFile, PackageInfo } from "./info.js";

const MTIME = 1709294400;

function file(
  dst: string,
  data: string | Uint8Array,
  mode = 0o644,
  type: PackageFile["type"] = "file",
): PackageFile {
  return {
    dst,
    type,
    mode,
    owner: "root",
    group: "root",
    mtime: MTIME,
    data: typeof data === "string" ? Buffer.from(data) : data,
  };
}

/** `binary` is what /usr/bin/hello holds: a real Go binary in integration tests, a script here. */
export function testPackage(
  binary: Uint8Array = Buffer.from("#!/bin/sh\necho hello 1.2.3\n"),
  overrides: Partial<PackageInfo> = {},
): PackageInfo {
  return {
    name: "hello",
    arch: "amd64",
    amd64Level: "v1",
    version: "1.2.3",
    prerelease: "",
    versionMetadata: "",
    release: "",
    epoch: "",
    section: "utils",
    priority: "optional",
    maintainer: "Jane Doe <jane@example.com>",
    description: "Tiny hello tool\nA tiny static Go program used to exercise packaging tests.",
    vendor: "Example",
    homepage: "https://example.com/hello",
    license: "MIT",
    depends: [],
    recommends: [],
    suggests: [],
    conflicts: [],
    replaces: [],
    provides: [],
    scripts: { postinstall: "#!/bin/sh\necho installed\n" },
    files: [
      file("/etc/hello/hello.conf", "greeting=hello\n", 0o644, "config|noreplace"),
      file("/usr/bin/hello", binary, 0o755),
      {
        dst: "/usr/bin/hi",
        type: "symlink",
        mode: 0o777,
        owner: "root",
        group: "root",
        mtime: MTIME,
        linkTarget: "hello",
      },
      file(
        "/usr/lib/systemd/system/hello.service",
        "[Unit]\nDescription=hello\n\n[Service]\nExecStart=/usr/bin/hello\n",
      ),
    ],
    mtime: MTIME,
    deb: { predepends: [], breaks: [], fields: {}, compression: "gzip" },
    rpm: { summary: "", group: "", packager: "", buildHost: "goship", compression: "gzip", prefixes: [] },
    archlinux: { pkgbase: "", packager: "" },
    ...overrides,
  };
}
