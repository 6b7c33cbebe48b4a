// OCI media types and the descriptor shape every manifest, index and layout refers to.

export const MediaType = {
  index: "application/vnd.oci.image.index.v1+json",
  manifest: "application/vnd.oci.image.manifest.v1+json",
  config: "application/vnd.oci.image.config.v1+json",
  layerGzip: "application/vnd.oci.image.layer.v1.tar+gzip",
  dockerManifestList: "application/vnd.docker.distribution.manifest.list.v2+json",
  dockerManifest: "application/vnd.docker.distribution.manifest.v2+json",
  dockerConfig: "application/vnd.docker.container.image.v1+json",
  dockerLayerGzip: "application/vnd.docker.image.rootfs.diff.tar.gzip",
} as const;

/** What a manifest or index lists: a blob by digest and size, with its media type. */
export interface Descriptor {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
  readonly platform?: Platform;
  readonly annotations?: Readonly<Record<string, string>>;
}

export interface Platform {
  readonly architecture: string;
  readonly os: string;
  readonly variant?: string;
}

export function isIndexType(mediaType: string | undefined): boolean {
  return mediaType === MediaType.index || mediaType === MediaType.dockerManifestList;
}

export function isManifestType(mediaType: string | undefined): boolean {
  return mediaType === MediaType.manifest || mediaType === MediaType.dockerManifest;
}

/** Annotation that names a tag inside an OCI layout's index.json. */
export const REF_NAME = "org.opencontainers.image.ref.name";
