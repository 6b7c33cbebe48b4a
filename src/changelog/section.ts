// The `changelog` key, the same in goship.yaml and GoReleaser files; their defaults differ.
import { defineSection } from "../config/section.js";
import { changelogSchema, resolveChangelog } from "./config.js";

export const changelogSection = defineSection({
  key: "changelog",
  goship: changelogSchema,
  goreleaser: changelogSchema,
  resolve(user, facts) {
    const resolved = resolveChangelog(user, facts.flavor);
    facts.template(["format"], resolved.format, "release", [
      "SHA",
      "Message",
      "Authors",
      "Logins",
      "AuthorName",
      "AuthorEmail",
      "AuthorUsername",
    ]);
    if (resolved.disable !== "") facts.template(["disable"], resolved.disable, "release");
    return resolved;
  },
});
