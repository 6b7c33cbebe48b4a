// Step: the config's before hooks, once, before any build.
import { need } from "../pipeline/context.js";
import type { Step } from "../pipeline/step.js";
import { releaseFields, templateEnv } from "../pipeline/templates.js";
import { runHooks } from "./run.js";

export const beforeHooksStep: Step = {
  name: "running before hooks",
  skip: (ctx) => (ctx.config?.before.length ? undefined : "no before hooks"),
  async run(ctx) {
    await runHooks(ctx, need(ctx, "config").before, { data: releaseFields(ctx), env: templateEnv(ctx) });
  },
};
