// The template fields of one artifact, as GoReleaser's templates see them (.ArtifactName, .Os, …).
import type { Artifact } from "../artifacts/artifact.js";
import type { ReleaseContext } from "../pipeline/context.js";
import { releaseFields, targetFields } from "../pipeline/templates.js";

/** The fields templates see for one artifact: the release's, its target's and its own names. */
export function artifactFields(ctx: ReleaseContext, artifact: Artifact): Record<string, unknown> {
  const ext = /(\.tar\.gz|\.[^./]+)$/.exec(artifact.name)?.[1] ?? "";
  return {
    ...releaseFields(ctx),
    ...("target" in artifact && artifact.target ? targetFields(artifact.target) : {}),
    ...(artifact.kind === "binary" ? { Binary: artifact.binary.replace(/\.exe$/, "") } : {}),
    ArtifactName: artifact.name,
    ArtifactPath: artifact.path,
    ArtifactExt: ext,
    ArtifactID: typeof artifact.producedBy?.id === "string" ? artifact.producedBy.id : "",
  };
}
