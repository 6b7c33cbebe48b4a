import { describe, expect, it } from "vitest";
import { expandVariables, keyValues, parseDockerfile, splitWords } from "./dockerfile.js";
import { planDockerfile } from "./dockerfile-plan.js";
import { DockerfileError } from "./errors.js";

const bin = new Uint8Array([1, 2, 3]);
const context = new Map([
  ["linux/amd64/api", { data: bin, mode: 0o755 }],
  ["linux/arm64/api", { data: bin, mode: 0o755 }],
  ["config/app.yaml", { data: new Uint8Array([4]), mode: 0o644 }],
]);

function plan(text: string, arch = "amd64", buildArgs: Record<string, string> = {}) {
  return planDockerfile({
    instructions: parseDockerfile(text),
    context,
    buildArgs,
    platform: { os: "linux", architecture: arch },
    file: "Dockerfile",
  });
}

describe("parseDockerfile", () => {
  it("joins continuations, drops comments and upper-cases keywords", () => {
    const text = '# syntax=docker/dockerfile:1\nfrom scratch\n# a comment\nENV A=1 \\\n  B=2\n\nCMD ["x"]\n';
    expect(parseDockerfile(text)).toEqual([
      { keyword: "FROM", args: "scratch", line: 2 },
      { keyword: "ENV", args: "A=1  B=2", line: 4 },
      { keyword: "CMD", args: '["x"]', line: 7 },
    ]);
  });

  it("honours the escape directive", () => {
    expect(parseDockerfile("# escape=`\nFROM scratch\nENV A=1 `\n B=2\n")[1]?.args).toBe("A=1  B=2");
  });

  it("names the line of an instruction that needs a builder", () => {
    const run = () => parseDockerfile("FROM alpine\n\nRUN apk add curl\n", "build/Dockerfile");
    expect(run).toThrow(DockerfileError);
    expect(run).toThrow(/RUN at line 3 needs a real container builder/);
    try {
      run();
    } catch (error) {
      expect((error as DockerfileError).details).toEqual({ dockerfile: "build/Dockerfile:3" });
    }
  });
});

describe("words and variables", () => {
  it("expands variables the way Docker does", () => {
    const vars = new Map([
      ["A", "x"],
      ["E", ""],
    ]);
    const dollar = "$";
    expect(
      expandVariables(`$A/${dollar}{A}/${dollar}{B:-d}/${dollar}{A:+y}/${dollar}{E:-z}/\\$A`, vars),
    ).toBe("x/x/d/y/z/$A");
  });

  it("splits quoted words and key=value pairs", () => {
    expect(splitWords(`a "b c" 'd e' f\\ g`)).toEqual(["a", "b c", "d e", "f g"]);
    expect(keyValues(`a=1 b="two words"`)).toEqual([
      ["a", "1"],
      ["b", "two words"],
    ]);
    expect(keyValues("LEGACY some value")).toEqual([["LEGACY", "some value"]]);
  });
});

describe("planDockerfile", () => {
  const dockerfile = [
    "FROM scratch",
    "ARG TARGETPLATFORM",
    "ARG GREETING=hi",
    "COPY $TARGETPLATFORM/api /usr/bin/api",
    "COPY config/ /etc/app/",
    "ENV GREETING=$GREETING PATH=/usr/bin",
    'LABEL org.opencontainers.image.title="the api"',
    "USER 65532:65532",
    "WORKDIR /data",
    "EXPOSE 8080 53/udp",
    'ENTRYPOINT ["/usr/bin/api"]',
    "CMD serve",
  ].join("\n");

  it("builds one layer per COPY with the target platform's files", () => {
    const result = plan(dockerfile, "arm64", { GREETING: "hello" });
    expect(result.base).toBe("scratch");
    expect(result.layers.map((l) => l.files.map((f) => [f.path, f.mode]))).toEqual([
      [["/usr/bin/api", 0o755]],
      [["/etc/app/app.yaml", 0o644]],
    ]);
    expect(result.layers[0]?.createdBy).toBe("COPY $TARGETPLATFORM/api /usr/bin/api");
    expect(result.settings).toEqual({
      entrypoint: ["/usr/bin/api"],
      cmd: ["/bin/sh", "-c", "serve"],
      env: ["GREETING=hello", "PATH=/usr/bin"],
      user: "65532:65532",
      workingDir: "/data",
      labels: { "org.opencontainers.image.title": "the api" },
      exposedPorts: ["8080", "53/udp"],
    });
  });

  it("copies globs into a directory and applies --chmod", () => {
    const result = plan("FROM scratch\nCOPY --chmod=0500 linux/amd64/* /app/\n");
    expect(result.layers[0]?.files.map((f) => [f.path, f.mode])).toEqual([["/app/api", 0o500]]);
  });

  it("refuses what it cannot do without a builder, naming the line", () => {
    expect(() => plan("FROM a AS b\nFROM scratch\n")).toThrow(/FROM at line 2: multi-stage/);
    expect(() => plan("FROM scratch\nCOPY --from=b /x /x\n")).toThrow(/COPY at line 2: --from/);
    expect(() => plan("FROM scratch\nADD https://example.com/x /x\n")).toThrow(/remote/);
    expect(() => plan("FROM scratch\nADD config/app.tar.gz /x\n")).toThrow(/ADD would unpack/);
    expect(() => plan("FROM scratch\nCOPY missing /x\n")).toThrow(/missing is not in the build context/);
    expect(() => plan("ENV A=1\n")).toThrow(/must start with FROM/);
    expect(() => plan("FROM scratch\nCOPY --chown=1000 config/app.yaml /x\n")).toThrow(
      /--chown=1000 is not supported/,
    );
  });
});
