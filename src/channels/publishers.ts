// The install channels' publishers, declared on their kinds: after the forge release, npm packages
// go to their registry and manifests are committed to their tap, bucket or AUR repository. Both
// are idempotent: what the destination already holds is skipped, so a re-run changes nothing.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { KindPublisher, PublishEnvironment } from "../artifacts/kind-publisher.js";
import { ChannelConfigError } from "./errors.js";
import type { PushTarget } from "./generate.js";
import { pushFiles, redactUrl } from "./git/push.js";
import { provenanceWanted } from "./npm/config.js";
import { type NpmPublishOptions, publishNpmTarballs, publishOrder, resolveRegistry } from "./npm/publish.js";
import { planManifestPushes, planNpmPublishes, type Skipped } from "./publish-plan.js";

function logSkipped(penv: PublishEnvironment, skipped: readonly Skipped[]): void {
  for (const s of skipped) penv.log.info("not published", { artifact: s.name, reason: s.reason });
}

/** The clone URL and key of a push, rendered now; refuses what only a forge API could do. */
function renderTarget(
  target: PushTarget,
  penv: PublishEnvironment,
): { url: string; key: string } | undefined {
  const repository = target.repository;
  if (repository?.pull_request?.enabled)
    throw new ChannelConfigError(
      `${target.urlKey.replace(/\.git\.url$/, "")}.pull_request needs a forge API, which goship does not use for manifests; disable it to push to repository.branch over git`,
    );
  const url = penv.render(target.url, target.urlKey).trim();
  const key = penv.render(target.privateKey, target.privateKeyKey).trim();
  if (key.includes("PRIVATE KEY")) penv.addSecret(key);
  if (url !== "") return { url, key };
  if (repository && repository.name.trim() === "") return undefined;
  throw new ChannelConfigError(
    `${target.urlKey} is empty: goship commits manifests over git, not through a forge API; set it to the repository's clone URL (ssh://git@github.com/<owner>/<name>.git with a private_key, https:// or a local path)`,
  );
}

export const manifestPublisher: KindPublisher = {
  name: "pushing install manifests",
  async check(artifacts, penv) {
    for (const push of planManifestPushes(artifacts).pushes) renderTarget(push.target, penv);
  },
  async publish(artifacts, penv) {
    const { pushes, skipped } = planManifestPushes(artifacts);
    logSkipped(penv, skipped);
    const rendered = pushes.map((push) => ({ push, to: renderTarget(push.target, penv) }));
    for (const { push, to } of rendered) {
      const files = push.files.map((f) => f.repoPath);
      if (!to) {
        penv.log.info("not published", { channel: push.channel, reason: "repository.name is empty" });
        continue;
      }
      const repository = redactUrl(to.url);
      if (penv.dryRun) {
        penv.log.info("would push", { repository, branch: push.target.branch, files: files.join(", ") });
        continue;
      }
      const result = await pushFiles({
        url: to.url,
        branch: push.target.branch,
        privateKey: to.key,
        files: await Promise.all(
          push.files.map(async (f) => ({
            path: f.repoPath,
            content: await readFile(path.join(penv.distDir, ...f.distPath.split("/"))),
          })),
        ),
        message: push.target.message,
        author: push.target.author,
        time: penv.commitTime,
        env: penv.env,
        exec: penv.exec,
      });
      penv.log.info(result.changed ? "pushed" : "already up to date", {
        repository,
        files: files.join(", "),
        commit: result.commit.slice(0, 12),
      });
    }
  },
};

export const npmPublisher: KindPublisher = {
  name: "publishing npm packages",
  async publish(artifacts, penv) {
    penv.addSecret(penv.env.NPM_TOKEN);
    const { groups, skipped } = planNpmPublishes(artifacts);
    logSkipped(penv, skipped);
    for (const group of groups) {
      const options: NpmPublishOptions = {
        registry: group.registry,
        tag: group.distTag,
        access: group.access,
        provenance: provenanceWanted(group.provenance, penv.env),
        cwd: penv.moduleDir,
        env: penv.env,
        exec: penv.exec,
        log: (message, fields) => penv.log.info(message, fields),
      };
      const tarballs = group.packages.map((p) => ({
        ...p,
        file: path.join(penv.distDir, ...p.distPath.split("/")),
      }));
      if (penv.dryRun) {
        const registry = await resolveRegistry(options);
        for (const t of publishOrder(tarballs))
          penv.log.info("would publish", { package: `${t.name}@${t.version}`, registry, tag: group.distTag });
        continue;
      }
      await publishNpmTarballs(tarballs, options);
    }
  },
};
