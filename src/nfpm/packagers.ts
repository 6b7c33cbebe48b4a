// Each format's writer by name: the step asks for the formats the config lists, nothing more.
import type { KeyObject } from "node:crypto";
import { writeApk } from "./apk/apk.js";
import { writeArchlinux } from "./archlinux/archlinux.js";
import { writeDeb } from "./deb/deb.js";
import type { PackageInfo } from "./info.js";
import type { PackageFormat } from "./naming.js";
import { writeRpm } from "./rpm/rpm.js";

export interface PackagerOptions {
  /** apk only: an RSA key and the name apk finds its public half under. */
  readonly apkKey?: { readonly key: KeyObject; readonly name: string };
}

export const packagers: Readonly<
  Record<PackageFormat, (info: PackageInfo, options: PackagerOptions) => Promise<Buffer>>
> = {
  deb: (info) => writeDeb(info),
  rpm: (info) => writeRpm(info),
  apk: (info, options) => writeApk(info, options.apkKey),
  archlinux: (info) => writeArchlinux(info),
};
