// Seeds one build cache from another by hard-linking its entries: seconds instead of copying GBs.
import { copyFileSync, linkSync, mkdirSync, readdirSync } from "node:fs";
import path from "node:path";

/**
 * Links every file under src into dst, keeping files dst already has. GOCACHE entries are
 * immutable once written, so sharing inodes is safe; files at the top level (Go rewrites
 * `trim.txt` in place) are copied instead.
 */
export function linkTree(src, dst, depth = 0) {
  mkdirSync(dst, { recursive: true });
  for (const entry of readdirSync(src, { withFileTypes: true })) {
    const from = path.join(src, entry.name);
    const to = path.join(dst, entry.name);
    if (entry.isDirectory()) {
      linkTree(from, to, depth + 1);
      continue;
    }
    try {
      if (depth === 0) copyFileSync(from, to);
      else linkSync(from, to);
    } catch (e) {
      if (e.code !== "EEXIST") throw e;
    }
  }
}
